package io.github.scopedgroupauth.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.scopedgroupauth.examples.e2e.EventCases.EventCase;
import io.github.scopedgroupauth.examples.e2e.RuntimeApiServer.InitError;
import io.github.scopedgroupauth.examples.e2e.RuntimeApiServer.InvocationResult;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the real function jar under the official Lambda runtime interface client, in a child JVM started as the
 * managed {@code java21} runtime starts it, against a Runtime API served by the test.
 */
// The runtime interface client ships its native HTTP client for Linux only.
@EnabledOnOs(OS.LINUX)
class RuntimeInterfaceClientTest {

    /** The ADMINS/EVERYONE policy, written as the construct writes it. */
    private static final PolicyFormat.Written WRITTEN =
            PolicyFormat.write(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")), List.of());

    private static final String POLICY = WRITTEN.text();
    /** The tie of another policy file, for grants written for that file. */
    private static final String OTHER_TIE =
            PolicyFormat.write(Map.of("OTHERS", List.of("other/*")), List.of()).tie();

    private static final Map<String, String> CLIENTS =
            Map.of("SCOPED_GROUP_AUTH_CLIENTS", PolicyFormat.variable(WRITTEN.tie(), List.of("webclient123=*")));
    private static final String ESCALATION = "everyone-only user requesting admin/* through the hosted UI";

    @TempDir
    Path code;

    @Test
    void answersEveryEventAsExpected_withoutErrors() throws IOException {
        // given
        LambdaFunction function = function(codeWith(POLICY), CLIENTS);

        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            // when, then
            EventCases.assertEveryCaseAnswered(lambda);
            System.out.printf(
                    "RuntimeInterfaceClientTest: %d ms from starting the JVM to the first response"
                            + " (%d ms to the first request for an event)%n",
                    lambda.timeToFirstResponse().orElseThrow().toMillis(),
                    lambda.timeToFirstNext().orElseThrow().toMillis());
        }
    }

    @Test
    void logsDecisionAndSuppressionAsJson_withoutUserData() throws IOException {
        // given
        LambdaFunction function = function(codeWith(POLICY), CLIENTS).withLogLevel("DEBUG");
        LambdaProcess lambda = LambdaProcess.start(function);

        // when
        InvocationResult result;
        try (lambda) {
            result = lambda.invoke(EventCases.named(ESCALATION).event());
        }

        // then: closing waited for the whole output
        List<String> messages = logsOf(lambda, result).stream()
                .map(log ->
                        log.path("level").asText() + " " + log.path("message").asText())
                .toList();
        assertThat(messages)
                .as(lambda::diagnostics)
                .containsExactly(
                        "DEBUG scope decision: trigger=TokenGeneration_HostedAuth client=webclient123 groups=[EVERYONE]"
                                + " added=[] suppressed=[admin/*]",
                        "WARN suppressed requested scopes [admin/*] not entitled by groups [EVERYONE] on client webclient123");
        assertThat(String.join("\n", lambda.stdoutLines()))
                .as(lambda::diagnostics)
                .doesNotContain("bob@example.com", "22222222-2222-2222-2222-222222222222", "\"bob\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigurations")
    void reportsInitErrorNamingTheProblem_whenConfigurationIsBroken(
            String problem, String policy, Map<String, String> environment, String expectedMessage) throws IOException {
        // given
        LambdaFunction function = function(codeWith(policy), environment);

        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            // when
            InitError error = lambda.awaitInitError();

            // then
            assertThat(error.path()).isEqualTo("/2018-06-01/runtime/init/error");
            assertThat(error.errorType()).isEqualTo("Runtime.BadFunctionCode");
            assertThat(EventCases.parse(error.body()))
                    .as(lambda::diagnostics)
                    .isEqualTo(EventCases.parse("{\"errorMessage\":" + quote(expectedMessage)
                            + ",\"errorType\":\"io.github.scopedgroupauth.runtime.InvalidPolicyException\"}"));
            assertThat(lambda.awaitExit()).as("exit status").isEqualTo(1);
            assertThat(lambda.timeToFirstNext())
                    .as("time to a request for an event, which never comes")
                    .isEmpty();
        }
    }

    static Stream<Arguments> brokenConfigurations() {
        return Stream.of(
                Arguments.of(
                        "policy file edited after the construct wrote it",
                        POLICY.replace("group EVERYONE everyone/*", "group EVERYONE admin/*"),
                        CLIENTS,
                        "scoped-group-auth.conf does not match the checksum on its last line: it was changed after the"
                                + " ScopedGroupAuth construct wrote it; redeploy the function code the construct"
                                + " wrote"),
                Arguments.of(
                        "client grants not set",
                        POLICY,
                        Map.of(),
                        "SCOPED_GROUP_AUTH_CLIENTS is not set; set it to '" + WRITTEN.tie() + ":*' to"
                                + " let every app client receive managed scopes, or to '" + WRITTEN.tie()
                                + ":clientId=numbers' grants"),
                Arguments.of(
                        "client granted a scope number beyond the managed scopes",
                        POLICY,
                        Map.of(
                                "SCOPED_GROUP_AUTH_CLIENTS",
                                PolicyFormat.variable(WRITTEN.tie(), List.of("webclient123=0,2"))),
                        "SCOPED_GROUP_AUTH_CLIENTS entry for app client 'webclient123' has scope number '2'; use '*'"
                                + " or numbers from 0 to 1, one per managed scope in ascending order"),
                Arguments.of(
                        "client grants written for another policy file",
                        POLICY,
                        Map.of(
                                "SCOPED_GROUP_AUTH_CLIENTS",
                                PolicyFormat.variable(OTHER_TIE, List.of("webclient123=0"))),
                        "SCOPED_GROUP_AUTH_CLIENTS was written for policy file '" + OTHER_TIE
                                + "', but this function's scoped-group-auth.conf is '" + WRITTEN.tie()
                                + "'; scope numbers would name other scopes: deploy the variable and the function"
                                + " code together (redeploy the stack) rather than editing either by hand"),
                Arguments.of(
                        "policy file missing",
                        null,
                        CLIENTS,
                        "scoped-group-auth.conf is not on the classpath; package it at the root of the function"
                                + " code (the ScopedGroupAuth construct does this)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsOfOtherVersions")
    void failsTheInvocation_andKeepsAnswering_whenTheEventVersionIsNot2Or3(String name, String event)
            throws IOException {
        // given a function whose pool's trigger drifted to V1_0, so Cognito would ignore a V2_0 answer
        LambdaFunction function = function(codeWith(POLICY), CLIENTS);
        String escalation = EventCases.named(ESCALATION).event();

        LambdaProcess lambda = LambdaProcess.start(function);

        // when
        InvocationResult refused;
        InvocationResult answered;
        try (lambda) {
            refused = lambda.invoke(event);
            answered = lambda.invoke(escalation);
        }

        // then the invocation fails on purpose (Cognito then refuses the sign-in), and the next one is answered
        assertThat(refused.isError()).as(lambda::diagnostics).isTrue();
        JsonNode error = EventCases.parse(refused.body());
        assertThat(error.path("errorType").asText())
                .isEqualTo("io.github.scopedgroupauth.runtime.UnsupportedEventVersionException");
        assertThat(error.path("errorMessage").asText()).startsWith("pre token generation event version '");
        assertThat(answered.isError()).as(lambda::diagnostics).isFalse();
        assertThat(lambda.runtimeApi().initErrors()).isEmpty();
        // and the function's own ERROR line names the problem, without the user's data
        List<String> errors = logsOf(lambda, refused).stream()
                .filter(log -> "ERROR".equals(log.path("level").asText()))
                .map(log -> log.path("message").asText())
                .toList();
        assertThat(errors)
                .as(lambda::diagnostics)
                .first()
                .asString()
                .startsWith("pre token generation event version '");
        assertThat(String.join("\n", lambda.stdoutLines())).doesNotContain("bob@example.com");
    }

    static Stream<Arguments> eventsOfOtherVersions() {
        String v2 = EventCases.named(ESCALATION).event();
        return Stream.of(
                Arguments.of("a V1_0 event", v2.replace("\"version\":\"2\"", "\"version\":\"1\"")),
                Arguments.of("an event without a version", "{}"));
    }

    @Test
    void reportsInvocationErrorsNotInitError_whenJarIsNotInLib() throws IOException {
        // given: the RIC only loads jars from lib/, so a jar at the root is not on the function's classpath
        CodeAssetLayout.layOut(code, null, POLICY);
        Files.copy(CodeAssetLayout.lambdaJar(), code.resolve("scoped-group-auth-runtime.jar"));
        LambdaFunction function = function(code, CLIENTS);

        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            // when
            InvocationResult first = lambda.invoke("{}");
            InvocationResult second = lambda.invoke("{}");

            // then
            assertThat(first.errorType()).as(lambda::diagnostics).isEqualTo("Runtime.BadFunctionCode");
            assertThat(EventCases.parse(first.body()))
                    .isEqualTo(EventCases.parse("{\"errorMessage\":\"Class not found:"
                            + " io.github.scopedgroupauth.runtime.PreTokenGenerationHandler\","
                            + "\"errorType\":\"java.lang.ClassNotFoundException\"}"));
            assertThat(second).isEqualTo(new InvocationResult(second.requestId(), first.body(), first.errorType()));
            assertThat(lambda.runtimeApi().invocationErrors()).containsExactly(first, second);
            assertThat(lambda.runtimeApi().initErrors()).isEmpty();
        }
    }

    @ParameterizedTest(name = "snapStart={0}")
    @ValueSource(booleans = {true, false})
    void primesDecisionsBeforeTheSnapshot_onlyWhenStartedAsSnapStart(boolean snapStart, @TempDir Path logs)
            throws IOException {
        // given: class loading is logged; ScopeDecision is first loaded when the handler decides, and the
        // runtime serializer's PropertySerializerMap when it first writes an object as JSON
        Path classLog = logs.resolve("classes.log");
        Map<String, String> environment = new HashMap<>(CLIENTS);
        environment.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classLog);
        LambdaFunction function = function(codeWith(POLICY), environment).withSnapStart(snapStart);

        // when: the runtime initializes, and no event is sent
        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            lambda.awaitReady();

            // then: only a SnapStart start runs the before-checkpoint hooks, then asks for /restore/next
            assertThat(lambda.runtimeApi().restoreRequested())
                    .as(lambda::diagnostics)
                    .isEqualTo(snapStart);
            assertThat(lambda.runtimeApi().initErrors()).isEmpty();
        }
        String loaded = Files.readString(classLog);
        assertThat(loaded.contains(" io.github.scopedgroupauth.runtime.ScopeDecision "))
                .as("decisions made before any event")
                .isEqualTo(snapStart);
        assertThat(loaded.contains(" io.github.scopedgroupauth.runtime.internal.EmfLine "))
                .as("a metric line formatted before any event, though none is written")
                .isEqualTo(snapStart);
        assertThat(
                        loaded.contains(
                                " com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ser.impl.PropertySerializerMap "))
                .as("responses written by the runtime's serializer before any event")
                .isEqualTo(snapStart);
    }

    @Test
    void answersAfterRestore_whenStartedAsSnapStart() throws IOException {
        // given
        LambdaFunction function = function(codeWith(POLICY), CLIENTS).withSnapStart(true);
        EventCase escalation = EventCases.named(ESCALATION);

        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            // when
            InvocationResult result = lambda.invoke(escalation.event());

            // then: the RIC asks for /restore/next only after the before-checkpoint hooks (priming) succeeded
            assertThat(lambda.runtimeApi().restoreRequested())
                    .as(lambda::diagnostics)
                    .isTrue();
            assertThat(result.isError()).as(lambda::diagnostics).isFalse();
            assertThat(EventCases.parse(result.body())).isEqualTo(escalation.expected());
            assertThat(lambda.runtimeApi().initErrors()).isEmpty();
        }
    }

    /** Lays out the function code with this policy body, sealed as the construct seals it. */
    private Path codeWith(String policy) throws IOException {
        return CodeAssetLayout.layOut(code, CodeAssetLayout.lambdaJar(), policy);
    }

    private static LambdaFunction function(Path code, Map<String, String> environment) {
        return LambdaFunction.of(code, CodeAssetLayout.HANDLER, environment);
    }

    /** The JSON log lines of one invocation. */
    private static List<JsonNode> logsOf(LambdaProcess lambda, InvocationResult invocation) {
        return lambda.stdoutLines().stream()
                .map(EventCases::parse)
                .filter(log ->
                        invocation.requestId().equals(log.path("AWSRequestId").asText()))
                .toList();
    }

    private static String quote(String text) {
        return TextNode.valueOf(text).toString();
    }
}
