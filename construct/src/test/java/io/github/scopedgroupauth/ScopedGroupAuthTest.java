package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.CfnUserPoolResourceServer;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolGroup;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;

class ScopedGroupAuthTest {

    /** {@code admin/*} bound to the construct's resource server, then the granted {@code everyone/*}. */
    private static final List<Object> BOUND_ADMIN_THEN_EVERYONE = List.of(
            Map.of(
                    "Fn::Join",
                    List.of("", List.of(Map.of("Ref", Match.stringLikeRegexp("AuthResourceServeradmin.*")), "/*"))),
            "everyone/*");

    @Test
    void definesGroupsResourceServersAndGrants_forAdminsAndEveryone() {
        Fixture given = new Fixture();

        given.auth().clients(List.of(given.web)).build();

        Template template = given.template();
        template.resourceCountIs("AWS::Cognito::UserPoolGroup", 2);
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolGroup",
                Map.of(
                        "GroupName", "ADMINS",
                        "Description", "Members receive the OAuth scopes admin/* (managed by ScopedGroupAuth)"));
        template.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "EVERYONE"));
        template.resourceCountIs("AWS::Cognito::UserPoolResourceServer", 2);
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolResourceServer",
                Map.of(
                        "Identifier", "admin",
                        "Name", "admin",
                        "Scopes", List.of(Map.of("ScopeName", "*", "ScopeDescription", "Granted to group ADMINS"))));
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolResourceServer",
                Map.of(
                        "Identifier",
                        "everyone",
                        "Scopes",
                        List.of(Map.of("ScopeName", "*", "ScopeDescription", "Granted to group EVERYONE"))));
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient",
                Map.of("AllowedOAuthScopes", Fixture.standardScopesAnd("admin/*", "everyone/*")));
    }

    @Test
    void grantedClientDependsOnResourceServers_soCloudFormationCreatesThemFirst() {
        Fixture given = new Fixture();

        given.auth().clients(List.of(given.web)).build();

        Map<String, Map<String, Object>> clients = given.template().findResources("AWS::Cognito::UserPoolClient");
        Object dependsOn = clients.values().iterator().next().get("DependsOn");
        assertThat((List<?>) dependsOn)
                .hasSize(2)
                .allSatisfy(id -> assertThat(id.toString()).startsWith("AuthResourceServer"));
    }

    @Test
    void attachesV2Trigger_toTheLiveAliasByName() {
        Fixture given = new Fixture();

        given.auth().build();

        Template template = given.template();
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of(
                        "LambdaConfig",
                        Map.of(
                                "PreTokenGenerationConfig",
                                Map.of(
                                        "LambdaVersion",
                                        "V2_0",
                                        "LambdaArn",
                                        Map.of(
                                                "Fn::Join",
                                                List.of(
                                                        "",
                                                        List.of(
                                                                "arn:",
                                                                Map.of("Ref", "AWS::Partition"),
                                                                ":lambda:",
                                                                Map.of("Ref", "AWS::Region"),
                                                                ":",
                                                                Map.of("Ref", "AWS::AccountId"),
                                                                Match.stringLikeRegexp(
                                                                        ":function:TestAuth[0-9A-F]{8}:live"))))))));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
        template.hasResourceProperties(
                "AWS::Lambda::Permission",
                Map.of(
                        "Action",
                        "lambda:InvokeFunction",
                        "Principal",
                        "cognito-idp.amazonaws.com",
                        "FunctionName",
                        Map.of("Ref", Match.stringLikeRegexp("AuthAlias.*")),
                        "SourceArn",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Pool.*"), "Arn"))));
        template.resourceCountIs("AWS::Lambda::Permission", 1);
    }

    @Test
    void definesFunctionWithSecureFastDefaults() {
        Fixture given = new Fixture();

        given.auth().build();

        Template template = given.template();
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Runtime",
                        "java21",
                        "Architectures",
                        List.of("arm64"),
                        "MemorySize",
                        512,
                        "Timeout",
                        5,
                        "Handler",
                        "io.github.scopedgroupauth.runtime.PreTokenGenerationHandler::handleRequest",
                        "SnapStart",
                        Map.of("ApplyOn", "PublishedVersions"),
                        "LoggingConfig",
                        Map.of(
                                "LogFormat",
                                "JSON",
                                "ApplicationLogLevel",
                                "WARN",
                                "LogGroup",
                                Map.of("Ref", Match.stringLikeRegexp("AuthLogGroup.*"))),
                        "Environment",
                        Map.of(
                                "Variables",
                                Map.of(
                                        "SCOPED_GROUP_AUTH_CLIENTS",
                                        Match.stringLikeRegexp("[0-9a-f]{8}:\\*"),
                                        "JAVA_TOOL_OPTIONS",
                                        "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
        template.resourceCountIs("AWS::Lambda::Version", 1);
    }

    @Test
    void roleMayOnlyWriteItsOwnLogs() {
        Fixture given = new Fixture();

        given.auth().build();

        Template template = given.template();
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "ManagedPolicyArns", Match.absent(),
                        "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Map.of(
                                                "Action",
                                                "sts:AssumeRole",
                                                "Effect",
                                                "Allow",
                                                "Principal",
                                                Map.of("Service", "lambda.amazonaws.com")))))));
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Version",
                                "2012-10-17",
                                "Statement",
                                List.of(Map.of(
                                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                        "Effect", "Allow",
                                        "Resource",
                                                Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(Match.stringLikeRegexp("AuthLogGroup.*"), "Arn")))))));
        template.resourceCountIs("AWS::IAM::Policy", 1);
    }

    @Test
    void honoursFunctionOptions() {
        Fixture given = new Fixture();

        given.auth()
                .memorySize(1024)
                .logRetention(RetentionDays.ONE_WEEK)
                .architecture(Architecture.X86_64)
                .build();

        Template template = given.template();
        template.hasResourceProperties(
                "AWS::Lambda::Function", Map.of("MemorySize", 1024, "Architectures", List.of("x86_64")));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    }

    @Test
    void usesV3_whenAsked() {
        Fixture given = new Fixture();

        given.auth().lambdaVersion(LambdaVersion.V3_0).build();

        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPool",
                        Map.of(
                                "LambdaConfig",
                                Map.of("PreTokenGenerationConfig", Match.objectLike(Map.of("LambdaVersion", "V3_0")))));
    }

    @Test
    void omitsSnapStart_whenTurnedOff() {
        Fixture given = new Fixture();

        given.auth().snapStart(false).build();

        given.template().hasResourceProperties("AWS::Lambda::Function", Map.of("SnapStart", Match.absent()));
    }

    @Test
    void splitsUrlIdentifiersAtTheLastSlash() {
        Fixture given = new Fixture();

        given.auth()
                .groupScopes(Map.of(
                        "READERS",
                        List.of("https://api.example.com/orders.read", "https://api.example.com/orders.list")))
                .build();

        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolResourceServer",
                        Map.of(
                                "Identifier", "https://api.example.com",
                                "Name", "https---api.example.com",
                                "Scopes",
                                        List.of(
                                                Map.of(
                                                        "ScopeName",
                                                        "orders.list",
                                                        "ScopeDescription",
                                                        "Granted to group READERS"),
                                                Map.of(
                                                        "ScopeName",
                                                        "orders.read",
                                                        "ScopeDescription",
                                                        "Granted to group READERS"))));
    }

    @Test
    void describesScopes_givenOrByGrantingGroupsOrDefaults() {
        Fixture given = new Fixture();

        given.auth()
                .groupScopes(Map.of("A", List.of("api/read"), "B", List.of("api/read", "api/write")))
                .defaultScopes(List.of("api/ping"))
                .scopeDescriptions(Map.of("api/write", "Change things"))
                .build();

        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolResourceServer",
                        Map.of(
                                "Identifier",
                                "api",
                                "Scopes",
                                List.of(
                                        Map.of(
                                                "ScopeName",
                                                "ping",
                                                "ScopeDescription",
                                                "Granted to every signed-in user"),
                                        Map.of("ScopeName", "read", "ScopeDescription", "Granted to groups A, B"),
                                        Map.of("ScopeName", "write", "ScopeDescription", "Change things"))));
    }

    @Test
    void reusesGroupsAndResourceServersTheAppAlreadyDefined() {
        Fixture given = new Fixture();
        UserPoolGroup admins = UserPoolGroup.Builder.create(given.stack, "Admins")
                .userPool(given.pool)
                .groupName("ADMINS")
                .build();
        UserPoolResourceServer everyone = given.pool.addResourceServer(
                "Everyone",
                UserPoolResourceServerOptions.builder()
                        .identifier("everyone")
                        .scopes(List.of(ResourceServerScope.Builder.create()
                                .scopeName("read")
                                .scopeDescription("Read")
                                .build()))
                        .build());

        ScopedGroupAuth auth = given.auth().build();

        Template template = given.template();
        template.resourceCountIs("AWS::Cognito::UserPoolGroup", 2);
        template.resourceCountIs("AWS::Cognito::UserPoolResourceServer", 2);
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolResourceServer",
                Map.of(
                        "Identifier",
                        "everyone",
                        "Scopes",
                        List.of(
                                Map.of("ScopeName", "read", "ScopeDescription", "Read"),
                                Map.of("ScopeName", "*", "ScopeDescription", "Granted to group EVERYONE"))));
        assertThat(auth.getGroups().get("ADMINS")).isSameAs(admins);
        assertThat(auth.getResourceServers().get("everyone")).isSameAs(everyone);
    }

    @Test
    void referencesGroupsWithoutDefiningThem_whenCreateGroupsIsFalse() {
        Fixture given = new Fixture();

        ScopedGroupAuth auth = given.auth().createGroups(false).build();

        given.template().resourceCountIs("AWS::Cognito::UserPoolGroup", 0);
        assertThat(auth.getGroups()).containsOnlyKeys("ADMINS", "EVERYONE");
        assertThat(auth.getGroups().get("ADMINS").getGroupName()).isEqualTo("ADMINS");
    }

    @Test
    void honoursGrantsMadeAfterConstruction_includingSubsets() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();
        UserPoolClient mobile = given.client("Mobile");
        UserPoolClient partner = given.client("Partner");

        auth.grant(mobile, List.of("everyone/*"));
        auth.grant(partner);

        Template template = given.template();
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient",
                Map.of(
                        "AllowedOAuthScopes", Fixture.standardScopesAnd("everyone/*"),
                        "UserPoolId", Match.anyValue()));
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Fixture.functionWithGrants(
                        Fixture.refTo("PoolWeb"),
                        "=*;",
                        Fixture.refTo("PoolMobile"),
                        "=1;",
                        Fixture.refTo("PoolPartner"),
                        "=*"));
    }

    @Test
    void exposesScopesPerGroup_forApiAuthorizers() {
        Fixture given = new Fixture();

        ScopedGroupAuth auth = given.auth()
                .groupScopes(Map.of("ADMINS", List.of("admin/write", "admin/read")))
                .build();

        assertThat(auth.scopesFor("ADMINS")).containsExactly("admin/read", "admin/write");
        List<OAuthScope> scopes = auth.oauthScopesFor("ADMINS");
        assertThat(scopes).hasSize(2);
        assertThat(given.stack.resolve(scopes.get(0).getScopeName()))
                .isEqualTo(Map.of(
                        "Fn::Join",
                        List.of(
                                "",
                                List.of(
                                        Map.of("Ref", given.stack.getLogicalId((CfnUserPoolResourceServer)
                                                auth.getResourceServers()
                                                        .get("admin")
                                                        .getNode()
                                                        .getDefaultChild())),
                                        "/read"))));
        assertThat(auth.getUserPool()).isSameAs(given.pool);
        assertThat(auth.getFunction().getNode().getPath()).isEqualTo("Test/Auth/Function");
    }

    @Test
    void sameInputs_giveTheSameCodeAsset_soCdkDiffShowsNoChange() {
        Fixture first = new Fixture();
        Fixture second = new Fixture();

        first.auth().build();
        second.auth().build();

        assertThat(codeOf(first)).isEqualTo(codeOf(second));
        Fixture other = new Fixture();
        other.auth().groupScopes(Map.of("ADMINS", List.of("admin/all"))).build();
        assertThat(codeOf(other)).isNotEqualTo(codeOf(first));
    }

    private static Object codeOf(Fixture fixture) {
        return fixture.template()
                                .findResources("AWS::Lambda::Function")
                                .values()
                                .iterator()
                                .next()
                                .get("Properties")
                        instanceof Map<?, ?> properties
                ? properties.get("Code")
                : null;
    }

    @Test
    void versionDescriptionNamesTheGrantedClients_soAReplacedClientPublishesANewVersion() {
        Fixture given = new Fixture();

        given.auth().clients(List.of(given.web)).build();

        given.template()
                .hasResourceProperties(
                        "AWS::Lambda::Version",
                        Map.of(
                                "Description",
                                Map.of(
                                        "Fn::Join",
                                        List.of(
                                                "",
                                                List.of(
                                                        "ScopedGroupAuth grants ",
                                                        Map.of("Ref", Match.stringLikeRegexp("PoolWeb.*")),
                                                        "=*")))));
    }

    @Test
    void versionDescriptionSaysEveryClient_whenNoClientIsGranted() {
        Fixture given = new Fixture();

        given.auth().build();

        given.template()
                .hasResourceProperties("AWS::Lambda::Version", Map.of("Description", "ScopedGroupAuth grants *"));
    }

    @Test
    void warnsInsteadOfNamingClients_whenTheirIdsWouldNotFitTheVersionDescription() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        for (int i = 0; i < 9; i++) {
            auth.grant(given.client("Client" + i));
        }

        given.template()
                .hasResourceProperties(
                        "AWS::Lambda::Version", Map.of("Description", "ScopedGroupAuth grants to 9 clients"));
        software.amazon.awscdk.assertions.Annotations.fromStack(given.stack)
                .hasWarning(
                        "/Test/Auth",
                        Match.stringLikeRegexp(
                                "too many granted clients to name in the function version's description.*"));
    }

    @Test
    void acknowledgesTheSnapStartWarning_becauseTheTriggerInvokesAPublishedVersion() {
        Fixture given = new Fixture();

        given.auth().build();

        software.amazon.awscdk.assertions.Annotations.fromStack(given.stack)
                .hasNoWarning("*", Match.stringLikeRegexp(".*SnapStart.*"));
    }

    @Test
    void doesNotListAScopeTwice_whenTheClientBoundItToTheResourceServerItself() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        OAuthScope ownBinding = OAuthScope.resourceServer(
                auth.getResourceServers().get("admin"),
                software.amazon.awscdk.services.cognito.ResourceServerScope.Builder.create()
                        .scopeName("*")
                        .scopeDescription("bound by the app, not through oauthScopesFor")
                        .build());
        UserPoolClient mobile = mobileClientAllowing(given, List.of(ownBinding));

        auth.grant(mobile);

        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolClient", Map.of("AllowedOAuthScopes", BOUND_ADMIN_THEN_EVERYONE));
    }

    @Test
    void doesNotListAScopeTwice_whenTheClientAlreadyAllowsItThroughItsResourceServer() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        UserPoolClient mobile = mobileClientAllowing(given, auth.oauthScopesFor("ADMINS"));

        auth.grant(mobile);

        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolClient",
                        Map.of("ClientName", Match.absent(), "AllowedOAuthScopes", BOUND_ADMIN_THEN_EVERYONE));
    }

    /** A code-flow client {@code Mobile} of the fixture's pool that allows these scopes itself. */
    private static UserPoolClient mobileClientAllowing(Fixture given, List<OAuthScope> scopes) {
        return given.pool.addClient(
                "Mobile",
                software.amazon.awscdk.services.cognito.UserPoolClientOptions.builder()
                        .oAuth(software.amazon.awscdk.services.cognito.OAuthSettings.builder()
                                .flows(software.amazon.awscdk.services.cognito.OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .callbackUrls(List.of("http://localhost:3000/"))
                                .scopes(scopes)
                                .build())
                        .build());
    }
}
