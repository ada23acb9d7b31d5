package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handler on events as the Lambda Java runtime deserializes them, one fixture per trigger source plus
 * malformed ones.
 */
class PreTokenGenerationHandlerTest {

    private static final ScopePolicy POLICY = ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .group("ORDERS", List.of("https://api.example.com/orders.read"))
            .build();

    private final PreTokenGenerationHandler handler = new PreTokenGenerationHandler(POLICY);

    @ParameterizedTest
    @Event(value = "events/hosted-auth-escalation.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void suppressesRequestedAdminScopeAndAddsEveryone_onHostedAuth_whenUserIsOnlyInEveryone(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertThat(result).isSameAs(event);
        assertAccessTokenChanges(result, List.of("everyone/*"), List.of("admin/*"));
    }

    @ParameterizedTest
    @Event(value = "events/hosted-auth-v3.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void suppressesRequestedEveryoneScope_onVersion3HostedAuth_whenUserIsOnlyInAdmins(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of(), List.of("everyone/*"));
    }

    @ParameterizedTest
    @Event(value = "events/authentication.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void addsScopesOfBothGroups_onSdkAuthentication(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of("admin/*", "everyone/*"), List.of());
    }

    @ParameterizedTest
    @Event(value = "events/new-password-challenge.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void changesNothing_onNewPasswordChallenge_whenUserHasNoGroups(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenUnchanged(result);
    }

    @ParameterizedTest
    @Event(value = "events/authenticate-device.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void addsUrlStyleScope_onAuthenticateDevice_whenUserIsInOrders(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of("https://api.example.com/orders.read"), List.of());
    }

    @ParameterizedTest
    @Event(value = "events/refresh-tokens.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void suppressesAdminScope_onRefresh_whenUserHasLeftAdmins(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of(), List.of("admin/*"));
    }

    @ParameterizedTest
    @Event(value = "events/client-credentials.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void answersClientCredentialsEventWithAnEmptyResponse(CognitoUserPoolPreTokenGenerationEventV2 event) {
        // given a machine-to-machine event requesting a managed scope
        Response cognitosResponse = event.getResponse();

        // when
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        // then the response is a fresh, empty one, and the request is left as it came
        assertThat(result).isSameAs(event);
        assertThat(result.getResponse()).isNotSameAs(cognitosResponse);
        assertThat(result.getResponse().getClaimsAndScopeOverrideDetails()).isNull();
        assertThat(result.getRequest().getScopes()).containsExactly("admin/*");
    }

    @Test
    void dropsAnyResponseContent_onClientCredentialsEvent_soItEmitsNothingItDidNotDecide() {
        // given a client-credentials event whose response already carries scopes and a group override
        AccessTokenGeneration accessToken = new AccessTokenGeneration();
        accessToken.setScopesToAdd(new String[] {"admin/*"});
        ClaimsAndScopeOverrideDetails details = new ClaimsAndScopeOverrideDetails(
                null,
                accessToken,
                new CognitoUserPoolPreTokenGenerationEventV2.GroupOverrideDetails(new String[0], null, null));
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("3")
                .withTriggerSource(PreTokenGenerationHandler.CLIENT_CREDENTIALS)
                .withResponse(new Response(details))
                .build();

        // when
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, new LoggerContext(null));

        // then
        assertThat(result.getResponse().getClaimsAndScopeOverrideDetails()).isNull();
    }

    @ParameterizedTest(name = "version {0}")
    @NullSource
    @ValueSource(strings = {"1", "", "4", "2.0", "V2_0", " 2", "1\nERROR forged"})
    void failsTheInvocation_withAnErrorLine_whenTheVersionIsNot2Or3(String version) {
        // given an event of a version whose response Cognito would not read, asking for admin/* as a non-admin
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion(version)
                .withTriggerSource("TokenGeneration_HostedAuth")
                .withUserName("alice@example.com")
                .withRequest(CognitoUserPoolPreTokenGenerationEventV2.Request.builder()
                        .withUserAttributes(Map.of("email", "alice@example.com"))
                        .withScopes(new String[] {"admin/*"})
                        .build())
                .build();
        CapturingLogger logger = new CapturingLogger();
        String message = "pre token generation event version '" + Printable.excerpt(version) + "' is not supported,"
                + " so this sign-in is refused: Cognito reads scope changes only from V2_0 and V3_0 responses, and"
                + " answering would leave unentitled scopes in the access token. Set the user pool's pre token"
                + " generation trigger back to event version V2_0 or V3_0, as ScopedGroupAuth defines it (a"
                + " deployment that changes nothing does not undo such a change)";

        // when / then the invocation fails, which makes Cognito refuse the sign-in
        assertThatThrownBy(() -> handler.handleRequest(event, new LoggerContext(logger)))
                .isInstanceOf(UnsupportedEventVersionException.class)
                .hasMessage(message);
        // and one ERROR line says why, without the user name or attributes, on one line
        assertThat(logger.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(LogLevel.ERROR);
            assertThat(line.message())
                    .isEqualTo(message)
                    .doesNotContain("alice")
                    .doesNotContain("\n");
        });
        assertThat(event.getResponse()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void answers_whenTheVersionIs2Or3(String version) {
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion(version)
                .withRequest(CognitoUserPoolPreTokenGenerationEventV2.Request.builder()
                        .withScopes(new String[] {"admin/*"})
                        .build())
                .build();

        assertAccessTokenChanges(handler.handleRequest(event, null), List.of(), List.of("admin/*"));
    }

    @ParameterizedTest
    @Event(value = "events/unknown-trigger-source.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void decidesAsForUserTokens_onUnknownTriggerSource(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of("everyone/*"), List.of("admin/*"));
    }

    @Test
    void decidesAsForUserTokens_whenTriggerSourceIsMissing() {
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withRequest(CognitoUserPoolPreTokenGenerationEventV2.Request.builder()
                        .withScopes(new String[] {"admin/*"})
                        .build())
                .build();

        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, new LoggerContext(null));

        assertAccessTokenChanges(result, List.of(), List.of("admin/*"));
    }

    @ParameterizedTest
    @Event(value = "events/no-request.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void changesNothing_whenRequestIsMissing_andPolicyHasNoDefaults(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertThat(result.getRequest()).isNull();
        assertAccessTokenUnchanged(result);
    }

    @ParameterizedTest
    @Event(value = "events/no-request.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void addsDefaultScopes_whenRequestIsMissing(CognitoUserPoolPreTokenGenerationEventV2 event) {
        // given a policy whose defaults every user gets
        PreTokenGenerationHandler withDefaults = new PreTokenGenerationHandler(ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*"))
                .defaultScopes(List.of("everyone/*"))
                .build());

        // when the event has no request at all
        CognitoUserPoolPreTokenGenerationEventV2 result = withDefaults.handleRequest(event, null);

        // then it counts as a user in no group who requested nothing
        assertAccessTokenChanges(result, List.of("everyone/*"), List.of());
    }

    @ParameterizedTest
    @Event(value = "events/null-arrays.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void changesNothing_whenGroupsAndScopesAreNull(CognitoUserPoolPreTokenGenerationEventV2 event) {
        assertThat(event.getResponse()).isNull();

        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenUnchanged(result);
    }

    @ParameterizedTest
    @Event(value = "events/null-elements.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void skipsNullGroupsAndScopes(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, new LoggerContext(null));

        assertAccessTokenChanges(result, List.of("everyone/*"), List.of("admin/*"));
    }

    @ParameterizedTest
    @Event(value = "events/no-group-configuration.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void suppressesEveryRequestedManagedScope_whenGroupConfigurationIsMissing(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of(), List.of("admin/*", "everyone/*"));
    }

    @ParameterizedTest
    @Event(value = "events/null-caller-context.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void entitlesNothingManaged_whenCallerContextIsNull_andGrantsExist(CognitoUserPoolPreTokenGenerationEventV2 event) {
        // given a policy that grants scopes per app client
        PreTokenGenerationHandler withGrants = new PreTokenGenerationHandler(ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*"))
                .group("EVERYONE", List.of("everyone/*"))
                .clientGrant("web-client-1", List.of("admin/*", "everyone/*"))
                .build());

        // when the event does not say which client asked
        CognitoUserPoolPreTokenGenerationEventV2 result = withGrants.handleRequest(event, null);

        // then it fails closed even for an admin
        assertAccessTokenChanges(result, List.of(), List.of("admin/*"));
    }

    @ParameterizedTest
    @Event(value = "events/null-caller-context.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void decidesByGroups_whenCallerContextIsNull_andNoGrantsExist(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of("everyone/*"), List.of());
    }

    @ParameterizedTest
    @Event(value = "events/unknown-fields.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void ignoresUnknownFields(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertAccessTokenChanges(result, List.of("everyone/*"), List.of("admin/*"));
    }

    @ParameterizedTest
    @Event(value = "events/authentication.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void leavesTheRequestAsCognitoSentIt(CognitoUserPoolPreTokenGenerationEventV2 event) {
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        assertThat(result.getUserName()).isEqualTo("user-456");
        assertThat(result.getRequest().getScopes()).containsExactly("aws.cognito.signin.user.admin");
        assertThat(result.getRequest().getGroupConfiguration().getGroupsToOverride())
                .containsExactly("ADMINS", "EVERYONE");
        assertThat(result.getRequest().getGroupConfiguration().getPreferredRole())
                .isEqualTo("arn:aws:iam::111122223333:role/example-admins");
        assertThat(result.getRequest().getUserAttributes())
                .isEqualTo(Map.of("sub", "00000000-0000-4000-8000-000000000456", "email", "admin-user@example.com"));
    }

    @Test
    void replacesAnyResponseContent_withOnlyTheScopeDecision() {
        // given an event whose response already carries ID token claims and a group override
        IdTokenGeneration idToken = new IdTokenGeneration(Map.of("custom", "value"), new String[] {"email"});
        ClaimsAndScopeOverrideDetails stale = new ClaimsAndScopeOverrideDetails(
                idToken,
                null,
                new CognitoUserPoolPreTokenGenerationEventV2.GroupOverrideDetails(new String[0], null, null));
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withTriggerSource("TokenGeneration_HostedAuth")
                .withRequest(CognitoUserPoolPreTokenGenerationEventV2.Request.builder()
                        .withScopes(new String[] {"admin/*"})
                        .build())
                .withResponse(new Response(stale))
                .build();

        // when
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        // then
        assertAccessTokenChanges(result, List.of(), List.of("admin/*"));
    }

    @Test
    void returnsNull_whenEventIsNull() {
        assertThat(handler.handleRequest(null, new LoggerContext(new CapturingLogger())))
                .isNull();
    }

    /** Asserts the response changes only the access token's scopes, exactly as given (empty means absent). */
    static void assertAccessTokenChanges(
            CognitoUserPoolPreTokenGenerationEventV2 result, List<String> added, List<String> suppressed) {
        assertThat(result.getResponse()).isNotNull();
        ClaimsAndScopeOverrideDetails details = result.getResponse().getClaimsAndScopeOverrideDetails();
        assertThat(details).isNotNull();
        assertThat(details.getGroupOverrideDetails()).isNull();
        assertThat(details.getIdTokenGeneration()).isNull();
        AccessTokenGeneration accessToken = details.getAccessTokenGeneration();
        assertThat(accessToken).isNotNull();
        assertThat(accessToken.getClaimsToAddOrOverride()).isNull();
        assertThat(accessToken.getClaimsToSuppress()).isNull();
        assertThat(accessToken.getScopesToAdd()).isEqualTo(added.isEmpty() ? null : added.toArray(String[]::new));
        assertThat(accessToken.getScopesToSuppress())
                .isEqualTo(suppressed.isEmpty() ? null : suppressed.toArray(String[]::new));
    }

    /** Asserts the response is present and empty: Cognito issues the token as it would without the trigger. */
    static void assertAccessTokenUnchanged(CognitoUserPoolPreTokenGenerationEventV2 result) {
        assertThat(result.getResponse()).isNotNull();
        assertThat(result.getResponse().getClaimsAndScopeOverrideDetails()).isNull();
    }
}
