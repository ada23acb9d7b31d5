package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;

/**
 * Attacks on granting app clients found in review: machine-to-machine clients that would slip past the
 * client-credentials check, settings changed through the L1 after the construct, and inputs that would crash
 * or mislead instead of being reported.
 */
class ClientGrantAttackTest {

    private static final String MACHINE = "'Test/Pool/Machine' uses the client credentials flow";
    private static final String MACHINE_BEYOND_GRANT = "app client 'Test/Pool/Machine' uses the client credentials"
            + " flow and allows the managed scopes [admin/*] beyond its grant [everyone/*], so its machine-to-machine"
            + " tokens carry them with no user and no group check: if that is meant, add them to its grant with"
            + " auth.grant(client, scopes), otherwise remove them from the client";

    @Test
    void failsSynth_whenAGrantedClientIsSwitchedToClientCredentialsAfterTheConstruct() {
        // given a client granted every managed scope, then switched to client credentials through the L1
        Fixture given = new Fixture();
        UserPoolClient machine = given.pool.addClient(
                "Machine", UserPoolClientOptions.builder().generateSecret(true).build());
        given.auth().clients(List.of(machine)).build();
        cfn(machine).setAllowedOAuthFlows(List.of("client_credentials"));

        // when / then: synthesis fails, as it does for a V1_0 trigger added after the construct, rather than give
        // the machine client AllowedOAuthScopes [..., admin/*, everyone/*]
        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining(
                        "granted client " + MACHINE
                                + ", so its machine-to-machine tokens carry every scope it allows with no user and no group check");
    }

    @Test
    void refusesAClientInClients_whoseOAuthFlowsAreADeployTimeToken() {
        // given flows that are only known at deploy time: they may well be client_credentials
        Fixture given = new Fixture();
        CfnParameter flows = CfnParameter.Builder.create(given.stack, "Flows")
                .type("CommaDelimitedList")
                .build();
        UserPoolClient machine = given.pool.addClient(
                "Machine", UserPoolClientOptions.builder().generateSecret(true).build());
        cfn(machine).setAllowedOAuthFlows(flows.getValueAsList());

        // when / then: fail closed rather than grant every managed scope to a possible machine client
        assertThatThrownBy(() -> given.auth().clients(List.of(machine)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`clients` entry 'Test/Pool/Machine' has OAuth flows given as a deploy-time token, so it"
                        + " may use the client credentials flow, whose machine-to-machine tokens carry every scope the"
                        + " client allows with no user and no group check: give its flows as plain values, or name"
                        + " the scopes its tokens may carry with grant(client, scopes)");
    }

    @Test
    void failsSynth_whenAnUngrantedMachineClientAllowsManagedScopes() {
        // given grants (only web may carry managed scopes), and a machine client that allows admin/* through
        // the documented oauthScopesFor: its machine tokens carry admin/* with no grant, no user, no group
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();
        given.machineClient(auth.oauthScopesFor("ADMINS"));

        // when / then: the construct says so (or at least warns) instead of letting admin/* reach machine tokens
        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("app client 'Test/Pool/Machine' uses the client credentials flow and allows"
                        + " the managed scopes [admin/*] without a grant, so its machine-to-machine tokens carry them"
                        + " with no user and no group check: if that is meant, say so with auth.grant(client,"
                        + " scopes) (then grant every client that should receive managed scopes), otherwise remove"
                        + " them from the client");
    }

    @Test
    void failsSynth_whenAMachineClientDefinedBeforeTheConstructAllowsAManagedScopeWithoutAGrant() {
        // given a machine client that lists admin/* itself, defined before the construct and never granted
        Fixture given = new Fixture();
        given.machineClient(List.of(OAuthScope.custom("admin/*")));
        given.auth().clients(List.of(given.web)).build();

        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("app client 'Test/Pool/Machine' uses the client credentials flow and allows"
                        + " the managed scopes [admin/*] without a grant");
    }

    @Test
    void failsSynth_whenAGrantedMachineClientAllowsManagedScopesBeyondItsGrant() {
        // given a machine client that allows admin/* and everyone/* itself, granted only everyone/*
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        UserPoolClient machine =
                given.machineClient(List.of(OAuthScope.custom("admin/*"), OAuthScope.custom("everyone/*")));
        auth.grant(machine, List.of("everyone/*"));

        // when / then: refused as the same client without a grant is, naming the scopes beyond the grant
        assertThatThrownBy(() -> given.app.synth()).hasMessageContaining(MACHINE_BEYOND_GRANT);
    }

    @Test
    void failsSynth_whenAGrantedMachineClientAllowsAManagedScopeBeyondItsGrant_throughOauthScopesFor() {
        // given a machine client that allows admin/* bound to its resource server, granted only everyone/*
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        List<OAuthScope> both = new ArrayList<>(auth.oauthScopesFor("ADMINS"));
        both.addAll(auth.oauthScopesFor("EVERYONE"));
        UserPoolClient machine = given.machineClient(both);
        auth.grant(machine, List.of("everyone/*"));

        assertThatThrownBy(() -> given.app.synth()).hasMessageContaining(MACHINE_BEYOND_GRANT);
    }

    @Test
    void synthesizesAGrantedMachineClient_thatAllowsOnlyItsGrantedScopes() {
        // given a machine client that allows everyone/* through oauthScopesFor, granted everyone/*
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        UserPoolClient machine = given.machineClient(auth.oauthScopesFor("EVERYONE"));
        auth.grant(machine, List.of("everyone/*"));

        // when / then: nothing beyond the grant, so nothing to refuse; the scope is listed once
        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolClient",
                        Map.of(
                                "AllowedOAuthFlows",
                                List.of("client_credentials"),
                                "AllowedOAuthScopes",
                                List.of(Map.of(
                                        "Fn::Join",
                                        List.of(
                                                "",
                                                List.of(
                                                        Map.of(
                                                                "Ref",
                                                                Match.stringLikeRegexp("AuthResourceServereveryone.*")),
                                                        "/*"))))));
    }

    @Test
    void failsSynth_whenAMachineClientInAnotherStackAllowsAManagedScopeWithoutAGrant() {
        // given the pool and the construct in stack Test, and a machine client of the pool in stack Other that
        // allows admin/* through oauthScopesFor, made after the construct
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();
        machineClientIn(new Stack(given.app, "Other"), given.pool, auth.oauthScopesFor("ADMINS"));

        // when / then: checked as a machine client of the pool's own stack is, with advice that grant, which
        // refuses a client of another stack, cannot follow
        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("app client 'Other/Machine' uses the client credentials flow and allows"
                        + " the managed scopes [admin/*] without a grant, so its machine-to-machine tokens carry them"
                        + " with no user and no group check: remove them from the client, or, if that is meant,"
                        + " define the client in the user pool's stack Test instead of Other and grant them with"
                        + " auth.grant(client, scopes)");
    }

    @Test
    void failsSynth_whenAMachineClientInANestedStackAllowsAManagedScopeWithoutAGrant_sayingWhereToDefineIt() {
        // given a machine client of the pool in a nested stack of the pool's stack, which grant refuses
        Fixture given = new Fixture();
        given.auth().clients(List.of(given.web)).build();
        machineClientIn(new NestedStack(given.stack, "Nested"), given.pool, List.of(OAuthScope.custom("admin/*")));

        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("app client 'Test/Nested/Machine' uses the client credentials flow and allows"
                        + " the managed scopes [admin/*] without a grant, so its machine-to-machine tokens carry them"
                        + " with no user and no group check: remove them from the client, or, if that is meant,"
                        + " define the client in the user pool's stack Test instead of Test/Nested and grant them with"
                        + " auth.grant(client, scopes)");
    }

    @Test
    void failsSynth_whenAMachineClientInAnotherStackDefinedBeforeTheConstructAllowsAManagedScope() {
        // given a machine client of the pool in stack Other, listing admin/* itself, defined before the construct
        Fixture given = new Fixture();
        machineClientIn(new Stack(given.app, "Other"), given.pool, List.of(OAuthScope.custom("admin/*")));
        given.auth().clients(List.of(given.web)).build();

        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("app client 'Other/Machine' uses the client credentials flow and allows"
                        + " the managed scopes [admin/*] without a grant");
    }

    @Test
    void synthesizesAMachineClientInAnotherStack_thatAllowsNoManagedScope() {
        Fixture given = new Fixture();
        Stack other = new Stack(given.app, "Other");
        machineClientIn(other, given.pool, List.of(OAuthScope.custom("reports/read")));
        given.auth().clients(List.of(given.web)).build();

        Template.fromStack(other)
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolClient", Map.of("AllowedOAuthScopes", List.of("reports/read")));
    }

    private static void machineClientIn(Stack stack, UserPool pool, List<OAuthScope> scopes) {
        UserPoolClient.Builder.create(stack, "Machine")
                .userPool(pool)
                .generateSecret(true)
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().clientCredentials(true).build())
                        .scopes(scopes)
                        .build())
                .build();
    }

    @Test
    void failsSynth_whenAGrantedClientHasOAuthDisabledAfterTheConstruct() {
        // given a granted client whose OAuth is turned off through the L1 afterwards: CloudFormation refuses
        // AllowedOAuthScopes when AllowedOAuthFlowsUserPoolClient is false
        Fixture given = new Fixture();
        given.auth().clients(List.of(given.web)).build();
        cfn(given.web).setAllowedOAuthFlowsUserPoolClient(false);

        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("granted client 'Test/Pool/Web' has OAuth disabled (disableOAuth); a client"
                        + " can only be granted scopes with OAuth enabled: remove disableOAuth or do not grant this"
                        + " client");
    }

    @Test
    void reportsAClientWhoseAllowedScopesAreADeployTimeList_insteadOfCrashingSynthesis() {
        // given a client whose allowed scopes come from a CommaDelimitedList parameter
        Fixture given = new Fixture();
        CfnParameter scopes = CfnParameter.Builder.create(given.stack, "Scopes")
                .type("CommaDelimitedList")
                .build();
        cfn(given.web).setAllowedOAuthScopes(scopes.getValueAsList());

        // when / then: a message naming the client at construction, not EncodedListTokenInScalarContext at synth
        assertThatThrownBy(() -> given.auth().clients(List.of(given.web)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`clients` entry 'Test/Pool/Web' has allowed OAuth scopes given as a deploy-time token,"
                        + " a list known only at deployment; ScopedGroupAuth adds its scopes to a list it can read:"
                        + " give the client its scopes as plain values");
    }

    @Test
    void rejectsANullScopeInGrant_withAMessage_notANullPointerException() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        assertThatThrownBy(() -> auth.grant(given.web, Arrays.asList("admin/*", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`grant` for client 'Test/Pool/Web' names scope 'null', which no group or default"
                        + " grants; grant only managed scopes: [admin/*, everyone/*]");
    }

    @Test
    void rejectsAClientDefinedInAnotherStack_beforeTheCdkReportsACycle() {
        // given the pool and the construct in stack A, a client of the pool in stack B
        App app = new App();
        Stack a = new Stack(app, "A");
        Stack b = new Stack(app, "B");
        UserPool pool = UserPool.Builder.create(a, "Pool").build();
        UserPoolClient client =
                UserPoolClient.Builder.create(b, "Client").userPool(pool).build();

        // when / then: refused here, before the CDK fails with "DependencyCycle: 'B' depends on 'A' ..."
        assertThatThrownBy(() -> ScopedGroupAuth.Builder.create(a, "Auth")
                        .userPool(pool)
                        .groupScopes(Fixture.ADMINS_AND_EVERYONE)
                        .clients(List.of(client))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`clients` entry 'B/Client' is in stack B; grant only clients defined in the user pool's"
                        + " stack A, because the trigger's grants refer to the client and the pool to the trigger");
    }

    private static CfnUserPoolClient cfn(UserPoolClient client) {
        return (CfnUserPoolClient) client.getNode().getDefaultChild();
    }
}
