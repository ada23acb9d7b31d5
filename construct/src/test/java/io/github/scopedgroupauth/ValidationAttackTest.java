package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.UserPool;

/**
 * Attacks on validation found in review: messages that would print raw control characters or mislead, and a
 * stack-capacity count that must match what the CDK CLI synthesizes.
 */
class ValidationAttackTest {

    @Test
    void escapesAControlCharacterInAGroupName_inTheMessage() {
        // given a group name carrying an ANSI escape sequence (clears the terminal when printed raw)
        Fixture given = new Fixture();

        assertThatThrownBy(() -> given.auth()
                        .groupScopes(Map.of("A\u001B[2JB", List.of("a/x")))
                        .build())
                .hasMessage("`groupScopes` group name 'A\\u001B[2JB' contains whitespace or a control character;"
                        + " group names may contain letters, marks, symbols, numbers and punctuation only");
    }

    @Test
    void escapesALineBreakInAScope_inTheMessage() {
        Fixture given = new Fixture();

        assertThatThrownBy(() ->
                        given.auth().groupScopes(Map.of("A", List.of("a/x\ny"))).build())
                .hasMessage("`groupScopes` entry 'A': scope 'a/x\\u000Ay' contains whitespace, a control character,"
                        + " '\"' or '\\'; scopes may not contain them");
    }

    @Test
    void escapesAControlCharacterInAGrantedScope_inTheMessage() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        assertThatThrownBy(() -> auth.grant(given.web, List.of("a/x\u0007")))
                .hasMessage("`grant` for client 'Test/Pool/Web' names scope 'a/x\\u0007', which no group or default"
                        + " grants; grant only managed scopes: [admin/*, everyone/*]");
    }

    @Test
    void saysADeployTimeListOfScopesIsAToken_ratherThanThatItHasNoSlash() {
        // given a group's scopes from a CommaDelimitedList parameter: the list token "#{Token[...]}"
        Fixture given = new Fixture();
        CfnParameter scopes = CfnParameter.Builder.create(given.stack, "Scopes")
                .type("CommaDelimitedList")
                .build();

        // then: not "scope '#{Token[TOKEN.n]}' has no '/'; write scopes as 'identifier/scopeName'"
        assertThatThrownBy(() -> given.auth()
                        .groupScopes(Map.of("A", scopes.getValueAsList()))
                        .build())
                .hasMessage("`groupScopes` entry 'A': the list of scopes is a deploy-time token; scopes must be known"
                        + " at synth time");
    }

    @Test
    void countsTheCdkMetadataResource_thatTheCdkCliAddsByDefault() {
        // given what `cdk synth` runs (version reporting is on by default in the CLI): a pool, a client and
        // 490 groups on one identifier: 2 + 490 + 1 + 7 = 500, plus AWS::CDK::Metadata = 501
        App app = new App(AppProps.builder().analyticsReporting(true).build());
        Stack stack = new Stack(app, "Test");
        UserPool pool = UserPool.Builder.create(stack, "Pool").build();
        pool.addClient("Web");
        Map<String, List<String>> groups = new HashMap<>();
        IntStream.range(0, 490).forEach(i -> groups.put("G" + i, List.of("a/x")));

        // when / then: the construct says so before defining anything, rather than synthesis failing with the
        // CDK's generic "TooManyResourcesInStack: ... 501 is greater than allowed maximum of 500"
        assertThatThrownBy(() -> ScopedGroupAuth.Builder.create(stack, "Auth")
                        .userPool(pool)
                        .groupScopes(groups)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ScopedGroupAuth would add 498 resources to stack Test (490 groups, 1 resource server"
                        + " and 7 for the trigger), which already has 3: 501 in all, more than the 500 resources"
                        + " CloudFormation allows in one stack. Pass createGroups(false) and manage the groups"
                        + " elsewhere (another stack, or outside CloudFormation), or define ScopedGroupAuth and its"
                        + " user pool in a stack with room");
    }
}
