package io.github.scopedgroupauth.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.examples.ScopedGroupAuthExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * Proves the deployed artifact would work: synthesizes the example app, takes the pre token function's
 * handler, environment and code asset (the bytes {@code cdk deploy} would upload) from the cloud assembly,
 * and runs them under the official runtime interface client, as the {@code java21} runtime would.
 */
@EnabledOnOs(OS.LINUX)
class SynthesizedExampleEndToEndTest {

    /** docs/operations.md, "Function code size", the one place the docs bound the function jar's size. */
    private static final Pattern JAR_BOUND =
            Pattern.compile("function jar \\(.*?\\), licence files included, is under ([0-9,]+) bytes");

    /** Deploy-time client ids replaced by the fixed values the event cases use. */
    private static final Map<String, String> CLIENT_IDS = Map.of("UserPoolWebClient", "webclient123");

    @TempDir
    static Path outdir;

    private static LambdaFunction function;
    private static Map<String, Object> properties;

    @BeforeAll
    static void synthesize() {
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        ScopedGroupAuthExample stack = new ScopedGroupAuthExample(app, "ScopedGroupAuthExample", null);
        CloudAssembly assembly = app.synth();
        Map<String, Map<String, Object>> functions = Template.fromStack(stack).findResources("AWS::Lambda::Function");
        assertThat(functions)
                .as("the example defines one function: the trigger")
                .hasSize(1);
        properties = map(functions.values().iterator().next().get("Properties"));
        String s3Key = (String) map(properties.get("Code")).get("S3Key");
        Map<String, String> environment = new LinkedHashMap<>();
        map(map(properties.get("Environment")).get("Variables"))
                .forEach((name, value) -> environment.put(name, resolve(value)));
        function = new LambdaFunction(
                Path.of(assembly.getDirectory()).resolve("asset." + s3Key.replace(".zip", "")),
                (String) properties.get("Handler"),
                environment,
                ((Number) properties.get("MemorySize")).intValue(),
                Duration.ofSeconds(((Number) properties.get("Timeout")).longValue()),
                (String) map(properties.get("LoggingConfig")).get("LogFormat"),
                (String) map(properties.get("LoggingConfig")).get("ApplicationLogLevel"),
                properties.containsKey("SnapStart"));
    }

    @Test
    void synthesizedFunctionAnswersEveryEventAsExpected_underTheRuntimeInterfaceClient() throws IOException {
        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            EventCases.assertEveryCaseAnswered(lambda);
            System.out.printf(
                    "SynthesizedExampleEndToEndTest: %d ms from starting the JVM to the first response"
                            + " (SnapStart %s, %d MB)%n",
                    lambda.timeToFirstResponse().orElseThrow().toMillis(),
                    function.snapStart() ? "on" : "off",
                    function.memorySize());
        }
    }

    @Test
    void synthesizedFunctionHasTheDeployedSettings() {
        assertThat(function.handler())
                .isEqualTo("io.github.scopedgroupauth.runtime.PreTokenGenerationHandler::handleRequest");
        assertThat(properties.get("Runtime")).isEqualTo("java21");
        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(function.snapStart()).isTrue();
        assertThat(function.environment().get("SCOPED_GROUP_AUTH_CLIENTS")).matches("[0-9a-f]{8}:webclient123=\\*");
    }

    @Test
    void synthesizedFunctionJar_isUnderTheBoundInTheOperationsDoc() throws IOException {
        Path operations = Path.of(System.getProperty("scopedgroupauth.repositoryRoot", ".."), "docs", "operations.md");
        Matcher sentence = JAR_BOUND.matcher(Files.readString(operations).replaceAll("\\s+", " "));
        Path jar = function.codeDirectory().resolve(CodeAssetLayout.JAR_PATH);

        assertThat(sentence.find())
                .as("%s states the bound as \"%s\"", operations, JAR_BOUND)
                .isTrue();
        long bound = Long.parseLong(sentence.group(1).replace(",", ""));
        assertThat(Files.size(jar)).as("size of %s in bytes", jar).isLessThan(bound);
    }

    /** Resolves literals, {@code Ref}s to the example's clients and {@code Fn::Join}, as CloudFormation would. */
    private static String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Ref")) {
            String logicalId = (String) intrinsic.get("Ref");
            return CLIENT_IDS.entrySet().stream()
                    .filter(client -> logicalId.startsWith(client.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no test value for a Ref to " + logicalId));
        }
        List<?> join = (List<?>) intrinsic.get("Fn::Join");
        List<String> parts = new ArrayList<>();
        ((List<?>) join.get(1)).forEach(part -> parts.add(resolve(part)));
        return String.join((String) join.get(0), parts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
