package io.github.scopedgroupauth.runtime;

import static io.github.scopedgroupauth.runtime.PreTokenGenerationHandlerTest.assertAccessTokenChanges;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** What the handler writes to the Lambda logger, and what it must never write. */
class HandlerLoggingTest {

    private static final ScopePolicy POLICY = ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .build();

    private final PreTokenGenerationHandler handler = new PreTokenGenerationHandler(POLICY);
    private final CapturingLogger logger = new CapturingLogger();

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void logsDecisionAtDebugAndSuppressionAtWarn_whenRequestedScopeIsSuppressed(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines())
                .containsExactly(
                        new CapturingLogger.Line(
                                LogLevel.DEBUG,
                                "scope decision: trigger=TokenGeneration_HostedAuth"
                                        + " client=web-client-1 groups=[EVERYONE] added=[everyone/*] suppressed=[admin/*]"),
                        new CapturingLogger.Line(
                                LogLevel.WARN,
                                "suppressed requested scopes [admin/*] not entitled by"
                                        + " groups [EVERYONE] on client web-client-1"));
    }

    @ParameterizedTest
    @Event(value = "events/authentication.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void logsOnlyTheDecision_whenNothingIsSuppressed(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines())
                .containsExactly(
                        new CapturingLogger.Line(
                                LogLevel.DEBUG,
                                "scope decision: trigger=TokenGeneration_Authentication"
                                        + " client=sdk-client-1 groups=[ADMINS,EVERYONE] added=[admin/*,everyone/*] suppressed=[]"));
    }

    @ParameterizedTest
    @Event(value = "events/null-elements.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void logsNullGroupsAsDash(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines())
                .extracting(CapturingLogger.Line::message)
                .containsExactly(
                        "scope decision: trigger=TokenGeneration_HostedAuth client=web-client-1 groups=[-,EVERYONE,-]"
                                + " added=[everyone/*] suppressed=[admin/*]",
                        "suppressed requested scopes [admin/*] not entitled by groups [-,EVERYONE,-] on client web-client-1");
    }

    @ParameterizedTest
    @Event(value = "events/null-caller-context.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void logsMissingClientAsDash(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines())
                .containsExactly(new CapturingLogger.Line(
                        LogLevel.DEBUG,
                        "scope decision: trigger=TokenGeneration_HostedAuth client=- groups=[ADMINS,EVERYONE]"
                                + " added=[everyone/*] suppressed=[]"));
    }

    @ParameterizedTest
    @Event(value = "events/client-credentials.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void logsNothing_forClientCredentialsEvents(CognitoUserPoolPreTokenGenerationEventV2 event) {
        handler.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines()).isEmpty();
    }

    @Test
    void replacesLineBreaksInLoggedValues_soNoOneCanForgeALogLine() {
        // given group names and a client id carrying line breaks
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withTriggerSource("TokenGeneration_HostedAuth\r\nforged")
                .withCallerContext(new CallerContext(null, "web\nforged"))
                .withRequest(Request.builder()
                        .withGroupConfiguration(
                                new GroupConfiguration(new String[] {"EVERYONE", "x\nERROR forged line"}, null, null))
                        .withScopes(new String[] {"admin/*"})
                        .build())
                .build();

        // when
        handler.handleRequest(event, new LoggerContext(logger));

        // then
        assertThat(logger.lines())
                .extracting(CapturingLogger.Line::message)
                .containsExactly(
                        "scope decision: trigger=TokenGeneration_HostedAuth\\u000D\\u000Aforged client=web\\u000Aforged"
                                + " groups=[EVERYONE,x\\u000AERROR forged line] added=[everyone/*] suppressed=[admin/*]",
                        "suppressed requested scopes [admin/*] not entitled by groups"
                                + " [EVERYONE,x\\u000AERROR forged line] on client web\\u000Aforged");
    }

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void neverLogsUserNameOrAttributes_whenScopesAreSuppressed(CognitoUserPoolPreTokenGenerationEventV2 event) {
        List<String> personalValues = personalValuesOf(event);
        assertThat(personalValues).contains("user-123", "user@example.com", "Testfirstname");

        handler.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines()).hasSize(2);
        assertNoLineContainsAny(personalValues);
    }

    @ParameterizedTest
    @Event(value = "events/authentication.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void neverLogsUserNameAttributesOrClientMetadata_whenScopesAreAdded(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        List<String> personalValues = personalValuesOf(event);
        assertThat(personalValues).contains("user-456", "admin-user@example.com", "example-value");

        handler.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines()).hasSize(1);
        assertNoLineContainsAny(personalValues);
    }

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void stillDecides_whenContextHasNoLogger(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, new LoggerContext(null));

        assertAccessTokenChanges(result, List.of("everyone/*"), List.of("admin/*"));
    }

    private static List<String> personalValuesOf(CognitoUserPoolPreTokenGenerationEventV2 event) {
        List<String> values = new ArrayList<>();
        values.add(event.getUserName());
        values.addAll(event.getRequest().getUserAttributes().values());
        values.addAll(event.getRequest().getClientMetadata().values());
        return values;
    }

    private void assertNoLineContainsAny(List<String> values) {
        for (CapturingLogger.Line line : logger.lines()) {
            for (String value : values) {
                assertThat(line.message()).doesNotContain(value);
            }
        }
    }
}
