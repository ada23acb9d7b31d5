package io.github.scopedgroupauth.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsTest {

    /** 2026-12-02T18:44:11.123Z. */
    private static final long NOW = 1_796_237_051_123L;

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);

    @Test
    void writesOneEmfLineAtWarn_countingSuppressedScopes() {
        // given
        Metrics metrics = Metrics.of("ScopedGroupAuthFunction", out, () -> NOW);

        // when
        metrics.scopesSuppressed(3);

        // then
        assertThat(output())
                .isEqualTo("{\"timestamp\":\"2026-12-02T18:44:11.123Z\",\"level\":\"WARN\",\"_aws\":{\"Timestamp\":"
                        + NOW + ",\"CloudWatchMetrics\":[{\"Namespace\":\"ScopedGroupAuth\",\"Dimensions\":"
                        + "[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"ScopesSuppressed\",\"Unit\":\"Count\"}]}]},"
                        + "\"FunctionName\":\"ScopedGroupAuthFunction\",\"ScopesSuppressed\":3}\n");
    }

    @Test
    void writesNothing_whenNoScopeWasSuppressed() {
        Metrics metrics = Metrics.of("ScopedGroupAuthFunction", out, () -> NOW);

        metrics.scopesSuppressed(0);

        assertThat(output()).isEmpty();
    }

    @Test
    void writesOneEmfLineAtError_forARefusedEvent() {
        Metrics metrics = Metrics.of("fn", out, () -> NOW);

        metrics.eventRefused();

        assertThat(output())
                .isEqualTo("{\"timestamp\":\"2026-12-02T18:44:11.123Z\",\"level\":\"ERROR\",\"_aws\":{\"Timestamp\":"
                        + NOW + ",\"CloudWatchMetrics\":[{\"Namespace\":\"ScopedGroupAuth\",\"Dimensions\":"
                        + "[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"EventsRefused\",\"Unit\":\"Count\"}]}]},"
                        + "\"FunctionName\":\"fn\",\"EventsRefused\":1}\n");
    }

    @Test
    void writesOneEmfLineAtError_forAPolicyThatCouldNotBeLoaded() {
        Metrics metrics = Metrics.of("fn", out, () -> NOW);

        metrics.policyLoadFailed();

        assertThat(output())
                .isEqualTo("{\"timestamp\":\"2026-12-02T18:44:11.123Z\",\"level\":\"ERROR\",\"_aws\":{\"Timestamp\":"
                        + NOW + ",\"CloudWatchMetrics\":[{\"Namespace\":\"ScopedGroupAuth\",\"Dimensions\":"
                        + "[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"PolicyLoadFailures\",\"Unit\":\"Count\"}]}]},"
                        + "\"FunctionName\":\"fn\",\"PolicyLoadFailures\":1}\n");
    }

    @Test
    void writesATimestampWithoutFraction_onAWholeSecond() {
        Metrics metrics = Metrics.of("fn", out, () -> 1_796_237_051_000L);

        metrics.eventRefused();

        assertThat(output()).startsWith("{\"timestamp\":\"2026-12-02T18:44:11Z\",\"level\":\"ERROR\",");
    }

    @Test
    void writesEachEventOnItsOwnLine_whenCalledAgain() {
        Metrics metrics = Metrics.of("fn", out, () -> NOW);

        metrics.scopesSuppressed(1);
        metrics.scopesSuppressed(2);

        assertThat(output().lines().toList())
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first).endsWith("\"ScopesSuppressed\":1}"),
                        second -> assertThat(second).endsWith("\"ScopesSuppressed\":2}"));
    }

    @Test
    void takesTheFunctionNameFromLambdasVariable() {
        Metrics metrics = Metrics.fromEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "Stack-AuthFunction_1"), out);

        metrics.eventRefused();

        assertThat(output()).contains("\"FunctionName\":\"Stack-AuthFunction_1\",");
    }

    @Test
    void acceptsEveryCharacterOfLambdasPattern() {
        Metrics metrics = Metrics.of("09azAZ-_", out, () -> NOW);

        metrics.eventRefused();

        assertThat(output()).contains("\"FunctionName\":\"09azAZ-_\",");
    }

    @Test
    void acceptsTheLongestLambdaFunctionName() {
        String name = "a".repeat(64);
        Metrics metrics = Metrics.of(name, out, () -> NOW);

        metrics.eventRefused();

        assertThat(output()).contains("\"FunctionName\":\"" + name + "\",");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "name\",\"ScopesSuppressed\":1000",
                "name with space",
                "line\nbreak",
                "back\\slash",
                "nämé",
                "arn:aws:lambda:us-east-1:123456789012:function:fn",
                "fn/",
                "fn:",
                "fn@",
                "fn[",
                "fn`",
                "fn{",
                "fn.",
                "fn\u0000",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void writesNothing_whenTheFunctionNameIsNotALambdaFunctionName(String name) {
        Metrics metrics = Metrics.of(name, out, () -> NOW);

        metrics.scopesSuppressed(1);
        metrics.eventRefused();
        metrics.policyLoadFailed();

        assertThat(output()).isEmpty();
    }

    @Test
    void writesNothing_outsideLambda() {
        Metrics metrics = Metrics.fromEnvironment(Map.of(), out);

        metrics.eventRefused();

        assertThat(output()).isEmpty();
    }

    private String output() {
        return written.toString(StandardCharsets.UTF_8);
    }
}
