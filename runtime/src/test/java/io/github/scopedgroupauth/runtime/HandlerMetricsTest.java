package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import io.github.scopedgroupauth.runtime.internal.Metrics;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/** The metrics the handler writes: when, and which; their format is {@code MetricsTest}'s. */
class HandlerMetricsTest {

    private static final ScopePolicy POLICY = ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .build();
    private static final long NOW = 1_796_237_051_123L;

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Metrics metrics =
            Metrics.of("AuthFunction", new PrintStream(written, true, StandardCharsets.UTF_8), () -> NOW);
    private final PreTokenGenerationHandler handler = new PreTokenGenerationHandler(POLICY, metrics);

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void countsTheSuppressedScope_whenAnEveryoneUserRequestsAdmin(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, null);

        assertThat(lines()).containsExactly(line("WARN", "ScopesSuppressed", 1));
    }

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void countsEveryManagedScopeSuppressed_inOneLine(CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.getRequest().getGroupConfiguration().setGroupsToOverride(new String[0]);
        event.getRequest().setScopes(new String[] {"openid", "admin/*", "everyone/*"});

        handler.handleRequest(event, null);

        assertThat(lines()).containsExactly(line("WARN", "ScopesSuppressed", 2));
    }

    @ParameterizedTest
    @Event(value = "events/authentication.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void writesNoMetric_whenNothingIsSuppressed(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, null);

        assertThat(written.size()).isZero();
    }

    @ParameterizedTest
    @Event(value = "events/client-credentials.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void writesNoMetric_forAMachineToken(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, null);

        assertThat(written.size()).isZero();
    }

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void writesNoMetric_forSnapStartPrimingsSilentContext(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, LoggerContext.silent());

        assertThat(written.size()).isZero();
    }

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void countsTheRefusal_beforeFailingTheInvocation_whenTheVersionIs1(CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.setVersion("1");

        assertThatThrownBy(() -> handler.handleRequest(event, null))
                .isInstanceOf(UnsupportedEventVersionException.class);
        assertThat(lines()).containsExactly(line("ERROR", "EventsRefused", 1));
    }

    @Test
    void countsThePolicyLoadFailure_andRethrowsIt_whenThePolicyFileIsMissing() {
        ClassLoader withoutPolicy = new URLClassLoader(new URL[0], null);

        assertThatThrownBy(() -> PreTokenGenerationHandler.load(withoutPolicy, Map.of(), metrics))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("scoped-group-auth.conf is not on the classpath; package it at the root of the function"
                        + " code (the ScopedGroupAuth construct does this)");
        assertThat(lines()).containsExactly(line("ERROR", "PolicyLoadFailures", 1));
    }

    @Test
    void writesNoMetric_whenThePolicyLoads() {
        ScopePolicy policy = PreTokenGenerationHandler.load(
                HandlerMetricsTest.class.getClassLoader(),
                Map.of(PolicyFormat.CLIENTS_VARIABLE, "61b5c582:*"),
                metrics);

        assertThat(policy.groupScopes()).isNotEmpty();
        assertThat(written.size()).isZero();
    }

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void countsTheSuppressedScope_inAHandlerOfYourOwn_whateverItsCodeWrote(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.setResponse(new CognitoUserPoolPreTokenGenerationEventV2.Response());

        ScopedGroupAuthScopes.of(POLICY, metrics).apply(event, null);

        assertThat(lines()).containsExactly(line("WARN", "ScopesSuppressed", 1));
    }

    @Test
    void countsThePolicyLoadFailure_ofAHandlerOfYourOwn_andRethrowsIt(@TempDir Path emptyLayer) {
        PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of(
                Metrics.FUNCTION_NAME_VARIABLE, "AuthFunction",
                ScopedGroupAuthScopes.LAYER_ROOT_VARIABLE, emptyLayer.toString(),
                PolicyFormat.CLIENTS_VARIABLE, "not a grant variable");

        assertThatThrownBy(() -> ScopedGroupAuthScopes.load(environment, out))
                .isInstanceOf(InvalidPolicyException.class);
        assertThat(written.toString(StandardCharsets.UTF_8)).contains("\"PolicyLoadFailures\":1}");
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static String line(String level, String metric, int count) {
        return "{\"timestamp\":\"2026-12-02T18:44:11.123Z\",\"level\":\"" + level + "\",\"_aws\":{\"Timestamp\":" + NOW
                + ",\"CloudWatchMetrics\":[{\"Namespace\":\"ScopedGroupAuth\",\"Dimensions\":[[\"FunctionName\"]],"
                + "\"Metrics\":[{\"Name\":\"" + metric
                + "\",\"Unit\":\"Count\"}]}]},\"FunctionName\":\"AuthFunction\",\""
                + metric + "\":" + count + "}";
    }
}
