package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The composition API on events as the Lambda Java runtime deserializes them, with a handler's own code writing
 * into the response before {@link ScopedGroupAuthScopes#apply}.
 */
class ScopedGroupAuthScopesTest {

    private static final ScopePolicy POLICY = ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .build();

    private final ScopedGroupAuthScopes scopes = ScopedGroupAuthScopes.of(POLICY);

    @TempDir
    Path layer;

    @ParameterizedTest
    @Event(value = "events/custom/hosted-auth-everyone.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void keepsTheCodesClaimsAndUnmanagedScopes_andAppliesThePolicy(CognitoUserPoolPreTokenGenerationEventV2 event) {
        // given code that adds a tenant claim to both tokens and an unmanaged scope
        event.getResponse()
                .setClaimsAndScopeOverrideDetails(details(
                        access(Map.of("tenant", "t-1"), new String[] {"reports/read"}, null),
                        new IdTokenGeneration(Map.of("tenant", "t-1"), new String[] {"email"})));

        // when the policy is applied last
        CognitoUserPoolPreTokenGenerationEventV2 result = scopes.apply(event, null);

        // then the claims stay, the unmanaged scope stays, everyone/* is added and admin/* suppressed
        ClaimsAndScopeOverrideDetails details = result.getResponse().getClaimsAndScopeOverrideDetails();
        assertThat(result).isSameAs(event);
        assertThat(details.getAccessTokenGeneration().getClaimsToAddOrOverride())
                .isEqualTo(Map.of("tenant", "t-1"));
        assertThat(details.getAccessTokenGeneration().getScopesToAdd()).containsExactly("everyone/*", "reports/read");
        assertThat(details.getAccessTokenGeneration().getScopesToSuppress()).containsExactly("admin/*");
        assertThat(details.getIdTokenGeneration().getClaimsToAddOrOverride()).isEqualTo(Map.of("tenant", "t-1"));
        assertThat(details.getIdTokenGeneration().getClaimsToSuppress()).containsExactly("email");
    }

    @ParameterizedTest
    @Event(value = "events/custom/hosted-auth-everyone.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void dropsAManagedScopeTheCodeAdds_whenTheUserIsNotEntitled_andLogsIt(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.getResponse()
                .setClaimsAndScopeOverrideDetails(details(access(null, new String[] {"admin/*"}, null), null));
        CapturingLogger logger = new CapturingLogger();

        scopes.apply(event, new LoggerContext(logger));

        AccessTokenGeneration access =
                event.getResponse().getClaimsAndScopeOverrideDetails().getAccessTokenGeneration();
        assertThat(access.getScopesToAdd()).containsExactly("everyone/*");
        assertThat(access.getScopesToSuppress()).containsExactly("admin/*");
        assertThat(logger.lines())
                .contains(new CapturingLogger.Line(
                        LogLevel.WARN,
                        "removed from the trigger code's response: scopesToAdd [admin/*] not entitled on client"
                                + " web-client-id, claims [] that only Cognito sets"));
    }

    @ParameterizedTest
    @Event(value = "events/custom/hosted-auth-everyone.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void keepsTheCodesSuppressionOfAnEntitledScope_becauseNarrowingIsAllowed(
            CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.getResponse()
                .setClaimsAndScopeOverrideDetails(
                        details(access(null, null, new String[] {"everyone/*", "openid"}), null));

        scopes.apply(event, null);

        AccessTokenGeneration access =
                event.getResponse().getClaimsAndScopeOverrideDetails().getAccessTokenGeneration();
        assertThat(access.getScopesToAdd()).isNull();
        assertThat(access.getScopesToSuppress()).containsExactly("admin/*", "everyone/*", "openid");
    }

    @ParameterizedTest
    @Event(value = "events/custom/hosted-auth-everyone.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void decidesOnTheRequestsGroups_notOnAGroupOverrideTheCodeWrote(CognitoUserPoolPreTokenGenerationEventV2 event) {
        GroupOverrideDetails groups = new GroupOverrideDetails();
        groups.setGroupsToOverride(new String[] {"ADMINS"});
        ClaimsAndScopeOverrideDetails details = details(access(null, new String[] {"admin/*"}, null), null);
        details.setGroupOverrideDetails(groups);
        event.getResponse().setClaimsAndScopeOverrideDetails(details);

        scopes.apply(event, null);

        assertThat(details.getGroupOverrideDetails().getGroupsToOverride()).containsExactly("ADMINS");
        assertThat(details.getAccessTokenGeneration().getScopesToAdd()).containsExactly("everyone/*");
        assertThat(details.getAccessTokenGeneration().getScopesToSuppress()).containsExactly("admin/*");
    }

    @ParameterizedTest
    @Event(value = "events/custom/hosted-auth-everyone.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void removesClaimsThatCouldCarryAScopeOrClient_fromBothTokens(CognitoUserPoolPreTokenGenerationEventV2 event) {
        Map<String, String> hostile =
                Map.of("scope", "admin/*", "client_id", "other", "aud", "other", "token_use", "access", "role", "x");
        event.getResponse()
                .setClaimsAndScopeOverrideDetails(
                        details(access(hostile, null, null), new IdTokenGeneration(hostile, null)));

        scopes.apply(event, null);

        ClaimsAndScopeOverrideDetails details = event.getResponse().getClaimsAndScopeOverrideDetails();
        assertThat(details.getAccessTokenGeneration().getClaimsToAddOrOverride())
                .isEqualTo(Map.of("role", "x"));
        assertThat(details.getIdTokenGeneration().getClaimsToAddOrOverride()).isEqualTo(Map.of("role", "x"));
    }

    @ParameterizedTest
    @Event(value = "events/custom/hosted-auth-everyone.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void changesNothingMore_whenAppliedTwice(CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.getResponse()
                .setClaimsAndScopeOverrideDetails(
                        details(access(Map.of("scope", "x"), new String[] {"admin/*", "u/x"}, null), null));
        scopes.apply(event, null);
        String once = event.getResponse().toString();

        scopes.apply(event, null);

        assertThat(event.getResponse().toString()).isEqualTo(once);
    }

    @ParameterizedTest
    @Event(value = "events/client-credentials.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void dropsEveryManagedScopeTheCodeAdds_toAMachineToken(CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.setResponse(new Response(
                details(access(Map.of("tenant", "t"), new String[] {"admin/*", "m/x"}, null), null)));

        scopes.apply(event, null);

        AccessTokenGeneration access =
                event.getResponse().getClaimsAndScopeOverrideDetails().getAccessTokenGeneration();
        assertThat(access.getScopesToAdd()).containsExactly("m/x");
        assertThat(access.getScopesToSuppress()).isNull();
        assertThat(access.getClaimsToAddOrOverride()).isEqualTo(Map.of("tenant", "t"));
    }

    @ParameterizedTest
    @Event(value = "events/custom/hosted-auth-everyone.json", type = CognitoUserPoolPreTokenGenerationEventV2.class)
    void refusesAVersion1Event_whateverTheCodeWrote(CognitoUserPoolPreTokenGenerationEventV2 event) {
        event.setVersion("1");

        assertThatThrownBy(() -> scopes.apply(event, null))
                .isInstanceOf(UnsupportedEventVersionException.class)
                .hasMessageStartingWith("pre token generation event version '1' is not supported");
    }

    @Test
    void answersNull_forANullEvent() {
        assertThat(scopes.apply(null, null)).isNull();
    }

    @Test
    void readsThePolicyFromTheLayer_beforeTheClasspath() throws IOException {
        String body = "scoped-group-auth-policy 1\ngroup STAFF staff/*\n";
        Path file = layer.resolve(ScopedGroupAuthScopes.LAYER_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, SealedPolicy.seal(body), StandardCharsets.UTF_8);

        ScopedGroupAuthScopes loaded = ScopedGroupAuthScopes.load(Map.of(
                ScopedGroupAuthScopes.LAYER_ROOT_VARIABLE,
                layer.toString(),
                PolicyFormat.CLIENTS_VARIABLE,
                SealedPolicy.grants(body, "*")));

        assertThat(loaded.policy().groupScopes()).isEqualTo(Map.of("STAFF", Set.of("staff/*")));
    }

    @Test
    void readsThePolicyFromTheClasspath_whenTheLayerHasNone() {
        String tie = "61b5c582";

        ScopedGroupAuthScopes loaded = ScopedGroupAuthScopes.load(Map.of(
                ScopedGroupAuthScopes.LAYER_ROOT_VARIABLE,
                layer.toString(),
                PolicyFormat.CLIENTS_VARIABLE,
                tie + ":*"));

        assertThat(loaded.policy().groupScopes())
                .isEqualTo(Map.of("ADMINS", Set.of("admin/*"), "EVERYONE", Set.of("everyone/*")));
    }

    @Test
    void refusesAGrantVariableTiedToAnotherFile_inTheLayer() throws IOException {
        String body = "scoped-group-auth-policy 1\ngroup STAFF staff/*\n";
        Path file = layer.resolve(ScopedGroupAuthScopes.LAYER_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, SealedPolicy.seal(body), StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of(
                ScopedGroupAuthScopes.LAYER_ROOT_VARIABLE,
                layer.toString(),
                PolicyFormat.CLIENTS_VARIABLE,
                "61b5c582:*");

        assertThatThrownBy(() -> ScopedGroupAuthScopes.load(environment))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(PolicyFormat.CLIENTS_VARIABLE);
    }

    private static ClaimsAndScopeOverrideDetails details(AccessTokenGeneration access, IdTokenGeneration id) {
        ClaimsAndScopeOverrideDetails details = new ClaimsAndScopeOverrideDetails();
        details.setAccessTokenGeneration(access);
        details.setIdTokenGeneration(id);
        return details;
    }

    private static AccessTokenGeneration access(Map<String, String> claims, String[] add, String[] suppress) {
        return new AccessTokenGeneration(claims, null, add, suppress);
    }
}
