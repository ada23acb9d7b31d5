package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

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
    void passesClientCredentialsEventThroughUnchanged(CognitoUserPoolPreTokenGenerationEventV2 event) {
        // given a machine-to-machine event requesting a managed scope, with a response Cognito left empty
        Response cognitosResponse = event.getResponse();

        // when
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);

        // then neither the response object nor its content changes
        assertThat(result).isSameAs(event);
        assertThat(result.getResponse()).isSameAs(cognitosResponse);
        assertThat(result.getResponse().getClaimsAndScopeOverrideDetails()).isNull();
        assertThat(result.getRequest().getScopes()).containsExactly("admin/*");
    }

    @Test
    void keepsAnExistingResponse_onClientCredentialsEvent() {
        // given a client-credentials event whose response already says something
        AccessTokenGeneration accessToken = new AccessTokenGeneration();
        accessToken.setScopesToSuppress(new String[] {"x/y"});
        ClaimsAndScopeOverrideDetails details = new ClaimsAndScopeOverrideDetails();
        details.setAccessTokenGeneration(accessToken);
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withTriggerSource(PreTokenGenerationHandler.CLIENT_CREDENTIALS)
                .withResponse(new Response(details))
                .build();

        // when
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, new FakeContext(null));

        // then
        assertThat(result.getResponse().getClaimsAndScopeOverrideDetails()).isSameAs(details);
        assertThat(accessToken.getScopesToSuppress()).containsExactly("x/y");
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
                .withRequest(CognitoUserPoolPreTokenGenerationEventV2.Request.builder()
                        .withScopes(new String[] {"admin/*"})
                        .build())
                .build();

        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, new FakeContext(null));

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
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, new FakeContext(null));

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
    void entitlesNothingManaged_whenCallerContextIsNull_andGrantsExist(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
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
        ClaimsAndScopeOverrideDetails stale = new ClaimsAndScopeOverrideDetails(idToken, null,
                new CognitoUserPoolPreTokenGenerationEventV2.GroupOverrideDetails(new String[0], null, null));
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
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
        assertThat(handler.handleRequest(null, new FakeContext(new CapturingLogger()))).isNull();
    }

    /** Asserts the response changes only the access token's scopes, exactly as given (empty means absent). */
    static void assertAccessTokenChanges(CognitoUserPoolPreTokenGenerationEventV2 result, List<String> added,
            List<String> suppressed) {
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
