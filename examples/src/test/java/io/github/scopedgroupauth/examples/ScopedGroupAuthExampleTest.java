package io.github.scopedgroupauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ScopedGroupAuthExampleTest {

    private static ScopedGroupAuthExample example;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        example = new ScopedGroupAuthExample(new App(), "ScopedGroupAuthExample", null);
        template = Template.fromStack(example);
    }

    @Test
    void userPoolSignsInWithEmail_withSelfSignUp_onTheEssentialsPlan() {
        template.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "UsernameAttributes", List.of("email"),
                "AutoVerifiedAttributes", List.of("email"),
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false),
                "UserPoolTier", "ESSENTIALS",
                "UserPoolAddOns", Match.absent()));
    }

    @Test
    void threatProtectionContext_switchesToPlusWithAuditOnly() {
        App app = new App(AppProps.builder().context(Map.of("threatProtection", "audit")).build());

        Template audited = Template.fromStack(new ScopedGroupAuthExample(app, "Audited", null));

        audited.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "UserPoolTier", "PLUS",
                "UserPoolAddOns", Map.of("AdvancedSecurityMode", "AUDIT")));
    }

    @Test
    void webClientHasNoSecret_usesSrpAndTheCodeFlow_andMayCarryBothScopes() {
        template.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "GenerateSecret", false,
                "ExplicitAuthFlows", List.of("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                        "ALLOW_REFRESH_TOKEN_AUTH"),
                "AllowedOAuthFlows", List.of("code"),
                "CallbackURLs", List.of("http://localhost:3000/"),
                "AllowedOAuthScopes", List.of("openid", "email", "profile", "admin/*", "everyone/*")));
    }

    @Test
    void domainPrefixComesFromContext() {
        App app = new App(AppProps.builder().context(Map.of("domainPrefix", "my-prefix")).build());

        Template prefixed = Template.fromStack(new ScopedGroupAuthExample(app, "Prefixed", null));

        prefixed.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "my-prefix"));
        template.hasResourceProperties("AWS::Cognito::UserPoolDomain",
                Map.of("Domain", "scoped-group-auth-example"));
    }

    @Test
    void definesTheRecipesGroupsAndResourceServers_withAV2Trigger() {
        template.resourceCountIs("AWS::Cognito::UserPoolGroup", 2);
        template.hasResourceProperties("AWS::Cognito::UserPoolResourceServer", Map.of("Identifier", "admin",
                "Scopes", List.of(Map.of("ScopeName", "*", "ScopeDescription", "allow all admin operations"))));
        template.hasResourceProperties("AWS::Cognito::UserPoolResourceServer", Map.of("Identifier", "everyone",
                "Scopes", List.of(Map.of("ScopeName", "*", "ScopeDescription", "allow all everyone operations"))));
        template.hasResourceProperties("AWS::Cognito::UserPool", Map.of("LambdaConfig", Map.of(
                "PreTokenGenerationConfig", Match.objectLike(Map.of("LambdaVersion", "V2_0")))));
    }

    @Test
    void eachRouteRequiresItsGroupsScope_withACognitoAuthorizer() {
        for (String route : List.of("admin", "everyone")) {
            template.hasResourceProperties("AWS::ApiGateway::Method", Map.of(
                    "HttpMethod", "GET",
                    "AuthorizationType", "COGNITO_USER_POOLS",
                    "AuthorizationScopes", List.of(route + "/*"),
                    "ResourceId", Map.of("Ref", Match.stringLikeRegexp("Api" + route + ".*")),
                    "Integration", Match.objectLike(Map.of("Type", "MOCK"))));
        }
    }

    @Test
    void outputsWhatTheSmokeTestNeeds() {
        assertThat(template.findOutputs("*").keySet())
                .contains("UserPoolId", "WebClientId", "HostedUiDomain", "ApiUrl");
    }

    @Test
    void summaryShowsTheGroupScopeTableAndTheClientsScopes() {
        assertThat(Summary.of(example, "/tmp/cdk.out")).isEqualTo(
                "Synthesized stack ScopedGroupAuthExample into /tmp/cdk.out\n"
                        + "\n"
                        + "group      scopes added to its members' access tokens\n"
                        + "ADMINS     admin/*\n"
                        + "EVERYONE   everyone/*\n"
                        + "\n"
                        + "client     scopes it may carry\n"
                        + "WebClient  admin/* everyone/*\n"
                        + "\n"
                        + "Users in neither group get no managed scope; requested scopes they are not entitled to"
                        + " are suppressed.\n");
    }
}
