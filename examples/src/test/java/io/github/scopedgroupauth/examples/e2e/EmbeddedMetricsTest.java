package io.github.scopedgroupauth.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scopedgroupauth.examples.e2e.RuntimeApiServer.InvocationResult;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metric lines the real function jar writes under the official runtime interface client, in both of
 * Lambda's log formats: each is a JSON object of its own on standard output, a valid embedded metric format
 * document with the level Lambda's log filter reads, and never the {@code message} of a logger's line, where
 * CloudWatch would not find it.
 */
// The runtime interface client ships its native HTTP client for Linux only.
@EnabledOnOs(OS.LINUX)
class EmbeddedMetricsTest {

    private static final PolicyFormat.Written WRITTEN =
            PolicyFormat.write(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")), List.of());
    private static final Map<String, String> CLIENTS =
            Map.of("SCOPED_GROUP_AUTH_CLIENTS", PolicyFormat.variable(WRITTEN.tie(), List.of("webclient123=*")));
    private static final String ESCALATION = "everyone-only user requesting admin/* through the hosted UI";
    private static final String SDK_SIGN_IN = "everyone-only user signing in with the SDK";
    /** How the function starts each document. */
    private static final String DOCUMENT_START = "{\"timestamp\":";

    @TempDir
    Path code;

    @ParameterizedTest(name = "log format {0}")
    @ValueSource(strings = {"JSON", "Text"})
    void writesOneValidDocumentAtWarn_forASuppression(String logFormat) throws IOException {
        // given the construct's application log level, WARN, where Lambda applies one
        LambdaFunction function = function(logFormat);
        LambdaProcess lambda = LambdaProcess.start(function);

        // when an EVERYONE user asks for admin/*, then signs in with the SDK (nothing suppressed)
        InvocationResult suppressed;
        InvocationResult clean;
        try (lambda) {
            suppressed = lambda.invoke(EventCases.named(ESCALATION).event());
            clean = lambda.invoke(EventCases.named(SDK_SIGN_IN).event());
        }

        // then one document counts the one scope
        assertThat(suppressed.isError() || clean.isError())
                .as(lambda::diagnostics)
                .isFalse();
        List<JsonNode> documents = documents(lambda);
        assertThat(documents).as(lambda::diagnostics).hasSize(1);
        assertValidDocument(documents.get(0), "WARN", "ScopesSuppressed", 1);
        assertNotInsideALoggerLine(lambda);
    }

    @ParameterizedTest(name = "log format {0}")
    @ValueSource(strings = {"JSON", "Text"})
    void writesOneValidDocumentAtError_forARefusedEvent(String logFormat) throws IOException {
        LambdaFunction function = function(logFormat);
        String versionOne = EventCases.named(ESCALATION).event().replace("\"version\":\"2\"", "\"version\":\"1\"");
        LambdaProcess lambda = LambdaProcess.start(function);

        InvocationResult refused;
        try (lambda) {
            refused = lambda.invoke(versionOne);
        }

        assertThat(refused.isError()).as(lambda::diagnostics).isTrue();
        List<JsonNode> documents = documents(lambda);
        assertThat(documents).as(lambda::diagnostics).hasSize(1);
        assertValidDocument(documents.get(0), "ERROR", "EventsRefused", 1);
        assertNotInsideALoggerLine(lambda);
    }

    @ParameterizedTest(name = "log format {0}")
    @ValueSource(strings = {"JSON", "Text"})
    void writesOneValidDocumentAtError_whenThePolicyCannotBeLoaded(String logFormat) throws IOException {
        // given grants that the variable does not tie to this policy file
        Path codeDirectory = CodeAssetLayout.layOut(code, CodeAssetLayout.lambdaJar(), WRITTEN.text());
        LambdaFunction function = LambdaFunction.of(
                        codeDirectory, CodeAssetLayout.HANDLER, Map.of("SCOPED_GROUP_AUTH_CLIENTS", "00000000:*"))
                .withLogFormat(logFormat)
                .withLogLevel("WARN");

        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            // when
            lambda.awaitInitError();
            lambda.awaitExit();

            // then
            List<JsonNode> documents = documents(lambda);
            assertThat(documents).as(lambda::diagnostics).hasSize(1);
            assertValidDocument(documents.get(0), "ERROR", "PolicyLoadFailures", 1);
        }
    }

    private LambdaFunction function(String logFormat) throws IOException {
        Path codeDirectory = CodeAssetLayout.layOut(code, CodeAssetLayout.lambdaJar(), WRITTEN.text());
        return LambdaFunction.of(codeDirectory, CodeAssetLayout.HANDLER, CLIENTS)
                .withLogLevel("WARN")
                .withLogFormat(logFormat);
    }

    /**
     * The metric documents on standard output: JSON objects with {@code _aws}, each to the end of its line. Here,
     * without Lambda's telemetry descriptor, the runtime interface client writes the logger's text-format lines to
     * standard output without a line break, so a document can follow one on the same line; in Lambda the
     * logger's lines go to that descriptor as events of their own, and standard output holds only the documents.
     */
    private static List<JsonNode> documents(LambdaProcess lambda) {
        return lambda.stdoutLines().stream()
                .filter(line -> line.contains(DOCUMENT_START))
                .map(line -> EventCases.parse(line.substring(line.indexOf(DOCUMENT_START))))
                .filter(document -> document.has("_aws"))
                .toList();
    }

    private static void assertValidDocument(JsonNode document, String level, String metric, int count) {
        assertThat(EmfSpecification.problems(document)).as(document.toString()).isEmpty();
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(document.path("_aws").path("CloudWatchMetrics").size()).isEqualTo(1);
        assertThat(directive.path("Namespace").asText()).isEqualTo("ScopedGroupAuth");
        assertThat(directive.path("Dimensions")).isEqualTo(EventCases.parse("[[\"FunctionName\"]]"));
        assertThat(directive.path("Metrics"))
                .isEqualTo(EventCases.parse("[{\"Name\":\"" + metric + "\",\"Unit\":\"Count\"}]"));
        assertThat(document.path("FunctionName").asText()).isEqualTo(ManagedRuntimeLaunch.FUNCTION_NAME);
        assertThat(document.path(metric).isInt()).isTrue();
        assertThat(document.path(metric).asInt()).isEqualTo(count);
        // Lambda's log filter reads level and an RFC 3339 timestamp; the two timestamps are the same instant
        assertThat(document.path("level").asText()).isEqualTo(level);
        assertThat(Instant.parse(document.path("timestamp").asText()).toEpochMilli())
                .isEqualTo(document.path("_aws").path("Timestamp").asLong());
        List<String> members = new ArrayList<>();
        document.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("timestamp", "level", "_aws", "FunctionName", metric);
    }

    /** No logger line carries a metric document in its message, where CloudWatch would not extract it. */
    private static void assertNotInsideALoggerLine(LambdaProcess lambda) {
        assertThat(lambda.stdoutLines())
                .filteredOn(line -> line.startsWith("{"))
                .map(EventCases::parse)
                .filteredOn(line -> line.has("message"))
                .allSatisfy(line -> assertThat(line.path("message").asText()).doesNotContain("_aws"));
    }
}
