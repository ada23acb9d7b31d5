package io.github.scopedgroupauth.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scopedgroupauth.examples.CustomTriggerExample;
import io.github.scopedgroupauth.examples.e2e.RuntimeApiServer.InvocationResult;
import io.github.scopedgroupauth.runtime.ScopedGroupAuthScopes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The app's own trigger of {@link CustomTriggerExample}, taken from the cloud assembly as {@code cdk deploy} would
 * upload it (the function code and the policy layer) and run under the official runtime interface client, with the
 * layer's content where Lambda extracts it ({@code /opt}, here a private directory named by
 * {@value ScopedGroupAuthScopes#LAYER_ROOT_VARIABLE}).
 */
@EnabledOnOs(OS.LINUX)
class CustomTriggerEndToEndTest {

    /** The system property that Maven sets to the handler's own jar. */
    static final String TRIGGER_JAR_PROPERTY = "scopedgroupauth.e2e.triggerJar";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static LambdaFunction function;
    private static Map<String, Object> properties;

    @BeforeAll
    static void synthesize() throws IOException {
        Path code = Files.createDirectories(work.resolve("code/lib"));
        Files.copy(CodeAssetLayout.lambdaJar(), code.resolve("scoped-group-auth-runtime.jar"));
        Files.copy(Path.of(System.getProperty(TRIGGER_JAR_PROPERTY)), code.resolve("tenant-trigger.jar"));
        App app = new App(
                AppProps.builder().outdir(work.resolve("cdk.out").toString()).build());
        CustomTriggerExample stack = new CustomTriggerExample(app, "CustomTriggerExample", null, code.getParent());
        CloudAssembly assembly = app.synth();
        Template template = Template.fromStack(stack);
        properties = only(template.findResources("AWS::Lambda::Function"));
        Path layer = asset(assembly, only(template.findResources("AWS::Lambda::LayerVersion")), "Content");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(
                "SCOPED_GROUP_AUTH_CLIENTS",
                resolve(map(map(properties.get("Environment")).get("Variables")).get("SCOPED_GROUP_AUTH_CLIENTS")));
        environment.put(ScopedGroupAuthScopes.LAYER_ROOT_VARIABLE, layer.toString());
        function =
                LambdaFunction.of(asset(assembly, properties, "Code"), (String) properties.get("Handler"), environment);
    }

    @Test
    void addsTheTenantClaimToBothTokens_andTheScopeDecisionStillHolds() throws IOException {
        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            JsonNode everyone = answer(lambda, event("bob", List.of("EVERYONE"), "tenant-b", "openid", "admin/*"));
            JsonNode admin = answer(lambda, event("alice", List.of("ADMINS"), "tenant-a", "openid"));

            assertThat(everyone.path("idTokenGeneration").path("claimsToAddOrOverride"))
                    .isEqualTo(JSON.readTree("{\"tenant\":\"tenant-b\"}"));
            assertThat(everyone.path("accessTokenGeneration"))
                    .isEqualTo(JSON.readTree("{\"claimsToAddOrOverride\":{\"tenant\":\"tenant-b\"},"
                            + "\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}"));
            assertThat(admin.path("accessTokenGeneration"))
                    .isEqualTo(JSON.readTree(
                            "{\"claimsToAddOrOverride\":{\"tenant\":\"tenant-a\"},\"scopesToAdd\":[\"admin/*\"]}"));
        }
    }

    @Test
    void theFunctionIsTheAppsOwn_withThePolicyLayer() {
        assertThat(function.handler()).isEqualTo(CustomTriggerExample.HANDLER);
        assertThat(properties.get("Runtime")).isEqualTo("java21");
        assertThat(function.environment().get("SCOPED_GROUP_AUTH_CLIENTS")).matches("[0-9a-f]{8}:webclient123=\\*");
        assertThat(Path.of(function.environment().get(ScopedGroupAuthScopes.LAYER_ROOT_VARIABLE))
                        .resolve(ScopedGroupAuthScopes.LAYER_FILE))
                .isRegularFile();
    }

    private static JsonNode answer(LambdaProcess lambda, String event) throws IOException {
        InvocationResult result = lambda.invoke(event);
        assertThat(result.errorType()).as(result.body()).isNull();
        return JSON.readTree(result.body()).path("response").path("claimsAndScopeOverrideDetails");
    }

    /** A V2 hosted UI event of the example's web client. */
    private static String event(String user, List<String> groups, String tenant, String... scopes) throws IOException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2");
        event.put("triggerSource", "TokenGeneration_HostedAuth");
        event.put("userName", user);
        event.put("callerContext", Map.of("clientId", "webclient123"));
        event.put(
                "request",
                Map.of(
                        "userAttributes",
                        Map.of("custom:tenant", tenant),
                        "groupConfiguration",
                        Map.of("groupsToOverride", groups),
                        "scopes",
                        List.of(scopes)));
        event.put("response", Map.of());
        return JSON.writeValueAsString(event);
    }

    private static Map<String, Object> only(Map<String, Map<String, Object>> resources) {
        assertThat(resources).hasSize(1);
        return map(resources.values().iterator().next().get("Properties"));
    }

    private static Path asset(CloudAssembly assembly, Map<String, Object> resourceProperties, String property) {
        String s3Key = (String) map(resourceProperties.get(property)).get("S3Key");
        return Path.of(assembly.getDirectory()).resolve("asset." + s3Key.replace(".zip", ""));
    }

    /** The grant variable with the client's Ref replaced by the id the events use, as CloudFormation would. */
    private static String resolve(Object value) {
        StringBuilder text = new StringBuilder();
        for (Object part : (List<?>) ((List<?>) map(value).get("Fn::Join")).get(1)) {
            text.append(part instanceof String literal ? literal : "webclient123");
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
