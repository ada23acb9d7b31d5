package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/** Granting scopes to app clients: repeated grants add up, and machine-to-machine clients must name scopes. */
class ClientGrantTest {

    @Test
    void grantingAClientListedInClientsAgain_changesNothing() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();

        auth.grant(given.web);

        assertWebAllows(given, "admin/*", "everyone/*");
        assertGrantVariable(given.template(), "PoolWeb", "=*");
    }

    @Test
    void grantingTheSameClientTwice_listsEachScopeOnce() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        auth.grant(given.web);
        auth.grant(given.web);

        assertWebAllows(given, "admin/*", "everyone/*");
        assertGrantVariable(given.template(), "PoolWeb", "=*");
    }

    @Test
    void secondGrantOfSomeScopes_addsToTheFirst() {
        // given managed scopes numbered 0 a/x, 1 a/y, 2 b/z
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth()
                .groupScopes(Map.of("A", List.of("a/x", "a/y"), "B", List.of("b/z")))
                .build();

        auth.grant(given.web, List.of("a/x"));
        auth.grant(given.web, List.of("a/y", "a/x"));

        assertWebAllows(given, "a/x", "a/y");
        assertGrantVariable(given.template(), "PoolWeb", "=0,1");
    }

    @Test
    void grantOfEveryScopeAfterASubset_grantsEveryScope() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        auth.grant(given.web, List.of("everyone/*"));
        auth.grant(given.web);

        assertWebAllows(given, "admin/*", "everyone/*");
        assertGrantVariable(given.template(), "PoolWeb", "=*");
    }

    @Test
    void countsBothGrants_againstCognitosLimitOf50ScopesPerClient() {
        // given 5 standard scopes on the client and 46 managed ones
        Fixture given = new Fixture();
        List<String> scopes = IntStream.range(0, 46).mapToObj(i -> "api/s" + i).toList();
        ScopedGroupAuth auth = given.auth().groupScopes(Map.of("G", scopes)).build();
        auth.grant(given.web, scopes.subList(0, 40));

        assertThatThrownBy(() -> auth.grant(given.web, scopes.subList(40, 46)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`grant` for client 'Test/Pool/Web' would allow 51 OAuth scopes; Cognito allows at most"
                        + " 50 per app client: grant it fewer scopes with grant(client, scopes)");
    }

    @Test
    void refusesAMachineToMachineClientInClients_becauseItsTokensSkipTheGroupCheck() {
        Fixture given = new Fixture();
        UserPoolClient machine = given.machineClient(List.of());

        assertThatThrownBy(
                        () -> given.auth().clients(List.of(given.web, machine)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(machineMessage("`clients` entry"));
    }

    @Test
    void refusesGrantingEveryScopeToAMachineToMachineClient() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        UserPoolClient machine = given.machineClient(List.of());

        assertThatThrownBy(() -> auth.grant(machine))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(machineMessage("`grant` for client"));
    }

    @Test
    void grantsNamedScopesToAMachineToMachineClient() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        UserPoolClient machine = given.machineClient(List.of());

        auth.grant(machine, List.of("everyone/*"));

        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolClient",
                        Map.of(
                                "AllowedOAuthFlows", List.of("client_credentials"),
                                "AllowedOAuthScopes", List.of("everyone/*")));
        assertGrantVariable(given.template(), "PoolMachine", "=1");
    }

    private static String machineMessage(String where) {
        return where + " 'Test/Pool/Machine' uses the client credentials flow, so its machine-to-machine tokens carry"
                + " every scope it allows with no user and no group check (V2_0 does not call the trigger for them,"
                + " V3_0 passes them through): granting it every managed scope [admin/*, everyone/*] would give them"
                + " to anyone holding its secret. Name only the scopes its machine tokens need with grant(client,"
                + " scopes)";
    }

    private static void assertWebAllows(Fixture given, String... managed) {
        List<String> expected = Fixture.standardScopesAnd(managed);
        Map<String, Map<String, Object>> clients = given.template().findResources("AWS::Cognito::UserPoolClient");
        assertThat(clients).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties =
                (Map<String, Object>) clients.values().iterator().next().get("Properties");
        assertThat(properties.get("AllowedOAuthScopes")).isEqualTo(expected);
    }

    private static void assertGrantVariable(Template template, String client, String numbers) {
        template.hasResourceProperties(
                "AWS::Lambda::Function", Fixture.functionWithGrants(Fixture.refTo(client), numbers));
    }
}
