package io.github.scopedgroupauth.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ScopedGroupAuthExampleTest {

    /** scoped-group-auth-{GUID of the stack id}, as CloudFormation resolves it at deploy time. */
    private static final Map<String, Object> DERIVED_DOMAIN_PREFIX = Map.of(
            "Fn::Join",
            List.of(
                    "",
                    List.of(
                            "scoped-group-auth-",
                            Map.of(
                                    "Fn::Select",
                                    List.of(2, Map.of("Fn::Split", List.of("/", Map.of("Ref", "AWS::StackId"))))))));
    /** The longest prefix Cognito accepts. */
    private static final String SIXTY_THREE_CHARACTERS =
            "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefgh";
    /** How examples/smoke-test.sh reads a stack output: {@code $(output Name)}. */
    private static final Pattern SMOKE_TEST_READS = Pattern.compile("\\$\\(output (\\w+)\\)");

    private static ScopedGroupAuthExample example;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        example = new ScopedGroupAuthExample(new App(), "ScopedGroupAuthExample", null);
        template = Template.fromStack(example);
    }

    @Test
    void userPoolSignsInWithEmail_withSelfSignUp_onTheEssentialsPlan() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of(
                        "UsernameAttributes", List.of("email"),
                        "AutoVerifiedAttributes", List.of("email"),
                        "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false),
                        "UserPoolTier", "ESSENTIALS",
                        "UserPoolAddOns", Match.absent()));
    }

    @Test
    void grantsItsWebClient_soTheNoClientGrantedWarningIsNotRaised() {
        software.amazon.awscdk.assertions.Annotations.fromStack(example)
                .hasNoWarning("*", Match.stringLikeRegexp(".*scoped-group-auth:noClientGranted.*"));
    }

    @Test
    void threatProtectionContext_switchesToPlusWithAuditOnly() {
        App app = new App(
                AppProps.builder().context(Map.of("threatProtection", "audit")).build());

        Template audited = Template.fromStack(new ScopedGroupAuthExample(app, "Audited", null));

        audited.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of("UserPoolTier", "PLUS", "UserPoolAddOns", Map.of("AdvancedSecurityMode", "AUDIT")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "AUDIT", "enforced", ""})
    void refusesThreatProtectionContext_otherThanAudit(String value) {
        App app = new App(
                AppProps.builder().context(Map.of("threatProtection", value)).build());

        assertThatThrownBy(() -> new ScopedGroupAuthExample(app, "Refused", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`threatProtection` '" + value + "' is not a threat protection mode of the example: pass"
                        + " -c threatProtection=audit for the PLUS feature plan with audit-only threat protection, or"
                        + " leave it out for the ESSENTIALS plan");
    }

    @Test
    void webClientHasNoSecret_usesSrpAndTheCodeFlow_andMayCarryBothScopes() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient",
                Map.of(
                        "GenerateSecret", false,
                        "ExplicitAuthFlows",
                                List.of(
                                        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                                        "ALLOW_USER_SRP_AUTH",
                                        "ALLOW_REFRESH_TOKEN_AUTH"),
                        "AllowedOAuthFlows", List.of("code"),
                        "CallbackURLs", List.of("http://localhost:3000/"),
                        "AllowedOAuthScopes", List.of("openid", "email", "profile", "admin/*", "everyone/*")));
    }

    @Test
    void domainPrefixIsDerivedFromTheStackId_whenNoneIsGiven() {
        template.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", DERIVED_DOMAIN_PREFIX));
    }

    @Test
    void deployFromCdkJson_withoutDomainPrefix_derivesIt() throws IOException {
        // given the context the CDK CLI reads from examples/cdk.json
        JsonNode cdkJson = new ObjectMapper().readTree(Path.of("cdk.json").toFile());
        Map<String, Object> context = cdkJson.has("context")
                ? new ObjectMapper().convertValue(cdkJson.get("context"), new TypeReference<>() {})
                : Map.of();
        App app = new App(AppProps.builder().context(context).build());

        // when
        Template deployed = Template.fromStack(new ScopedGroupAuthExample(app, "FromCdkJson", null));

        // then
        deployed.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", DERIVED_DOMAIN_PREFIX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-prefix", "a", "0", "example-2026", SIXTY_THREE_CHARACTERS})
    void domainPrefixComesFromContext_whenCognitoAcceptsIt(String prefix) {
        App app = new App(
                AppProps.builder().context(Map.of("domainPrefix", prefix)).build());

        Template prefixed = Template.fromStack(new ScopedGroupAuthExample(app, "Prefixed", null));

        prefixed.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", prefix));
    }

    @Test
    void refusesADomainPrefixWithAReservedWord_namingTheValueAndTheRules() {
        App app = new App(AppProps.builder()
                .context(Map.of("domainPrefix", "my-aws-login"))
                .build());

        assertThatThrownBy(() -> new ScopedGroupAuthExample(app, "Refused", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`domainPrefix` 'my-aws-login' is not a Cognito domain prefix: it contains 'aws'. A"
                        + " prefix has 1 to 63 lowercase letters, digits and hyphens, does not start or end with a"
                        + " hyphen, does not contain 'aws', 'amazon' or 'cognito', and is unique in the Region. Pass"
                        + " another with -c domainPrefix=<prefix>, or leave it out to derive one from the stack id");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "\"\"                 | it is empty",
                SIXTY_THREE_CHARACTERS + "x | it has 64 characters, more than 63",
                "My-Prefix              | it has characters other than lowercase letters, digits and hyphens",
                "my_prefix              | it has characters other than lowercase letters, digits and hyphens",
                "my.prefix              | it has characters other than lowercase letters, digits and hyphens",
                "-prefix                | it starts or ends with a hyphen",
                "prefix-                | it starts or ends with a hyphen",
                "amazonia               | it contains 'amazon'",
                "my-cognito             | it contains 'cognito'",
                "AWS_-                  | it has characters other than lowercase letters, digits and hyphens;"
                        + " it starts or ends with a hyphen",
            })
    void refusesADomainPrefixCognitoWouldRefuse(String prefix, String problems) {
        App app = new App(
                AppProps.builder().context(Map.of("domainPrefix", prefix)).build());

        assertThatThrownBy(() -> new ScopedGroupAuthExample(app, "Refused", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("`domainPrefix` '" + prefix + "' is not a Cognito domain prefix: " + problems
                        + ". A prefix has");
    }

    @Test
    void refusedDomainPrefix_isShownWithControlCharactersEscaped_asTheLibraryEscapesThem() {
        App app = new App(AppProps.builder()
                .context(Map.of("domainPrefix", "my\nprefix\u00e9"))
                .build());

        assertThatThrownBy(() -> new ScopedGroupAuthExample(app, "Refused", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("`domainPrefix` 'my\\u000Aprefix\u00e9' is not a Cognito domain prefix: it"
                        + " has characters other than lowercase letters, digits and hyphens. A prefix has");
    }

    @Test
    void restApiDefinesNoCloudWatchRole_soNoRegionWideAccountSettingOutlivesTheStack() {
        template.resourceCountIs("AWS::ApiGateway::Account", 0);
        template.resourcePropertiesCountIs(
                "AWS::IAM::Role",
                Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(
                                        Map.of("Principal", Map.of("Service", "apigateway.amazonaws.com")))))))),
                0);
    }

    @Test
    void alarmsOnAnyRefusedEventInAMinute_ofTheTriggerFunction() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "ScopedGroupAuth",
                        "MetricName", "EventsRefused",
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", triggerFunctionRef())),
                        "Statistic", "Sum",
                        "Period", 60,
                        "EvaluationPeriods", 1,
                        "Threshold", 1,
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "TreatMissingData", "notBreaching"));
    }

    @Test
    void alarmsOnMoreThan20SuppressedScopesIn5Minutes_ofTheTriggerFunction() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "ScopedGroupAuth",
                        "MetricName", "ScopesSuppressed",
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", triggerFunctionRef())),
                        "Statistic", "Sum",
                        "Period", 300,
                        "EvaluationPeriods", 1,
                        "Threshold", 20,
                        "ComparisonOperator", "GreaterThanThreshold",
                        "TreatMissingData", "notBreaching"));
        template.resourceCountIs("AWS::CloudWatch::Alarm", 2);
    }

    private static Map<String, String> triggerFunctionRef() {
        return Map.of("Ref", example.getLogicalId((CfnElement)
                example.getAuth().getFunction().getNode().getDefaultChild()));
    }

    @Test
    void definesTheRecipesGroupsAndResourceServers_withAV2Trigger() {
        template.resourceCountIs("AWS::Cognito::UserPoolGroup", 2);
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolResourceServer",
                Map.of(
                        "Identifier",
                        "admin",
                        "Scopes",
                        List.of(Map.of("ScopeName", "*", "ScopeDescription", "allow all admin operations"))));
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolResourceServer",
                Map.of(
                        "Identifier",
                        "everyone",
                        "Scopes",
                        List.of(Map.of("ScopeName", "*", "ScopeDescription", "allow all everyone operations"))));
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of(
                        "LambdaConfig",
                        Map.of("PreTokenGenerationConfig", Match.objectLike(Map.of("LambdaVersion", "V2_0")))));
    }

    @Test
    void eachRouteRequiresItsGroupsScope_withACognitoAuthorizer() {
        for (String route : List.of("admin", "everyone")) {
            template.hasResourceProperties(
                    "AWS::ApiGateway::Method",
                    Map.of(
                            "HttpMethod", "GET",
                            "AuthorizationType", "COGNITO_USER_POOLS",
                            "AuthorizationScopes", List.of(route + "/*"),
                            "ResourceId", Map.of("Ref", Match.stringLikeRegexp("Api" + route + ".*")),
                            "Integration", Match.objectLike(Map.of("Type", "MOCK"))));
        }
    }

    @Test
    void eachRoutesResponse_allowsTheSampleFrontendsOrigin() {
        for (String route : List.of("admin", "everyone")) {
            template.hasResourceProperties(
                    "AWS::ApiGateway::Method",
                    Map.of(
                            "HttpMethod", "GET",
                            "ResourceId", Map.of("Ref", Match.stringLikeRegexp("Api" + route + ".*")),
                            "MethodResponses",
                                    List.of(Map.of(
                                            "StatusCode",
                                            "200",
                                            "ResponseParameters",
                                            Map.of("method.response.header.Access-Control-Allow-Origin", true))),
                            "Integration",
                                    Match.objectLike(Map.of(
                                            "IntegrationResponses",
                                            List.of(Match.objectLike(Map.of(
                                                    "StatusCode",
                                                    "200",
                                                    "ResponseParameters",
                                                    Map.of(
                                                            "method.response.header.Access-Control-Allow-Origin",
                                                            "'http://localhost:3000'"))))))));
        }
    }

    @Test
    void eachRouteAnswersPreflight_forTheSampleFrontendsOriginAndTheAuthorizationHeader_only() {
        for (String route : List.of("admin", "everyone")) {
            template.hasResourceProperties(
                    "AWS::ApiGateway::Method",
                    Map.of(
                            "HttpMethod",
                            "OPTIONS",
                            "AuthorizationType",
                            "NONE",
                            "ResourceId",
                            Map.of("Ref", Match.stringLikeRegexp("Api" + route + ".*")),
                            "Integration",
                            Match.objectLike(Map.of(
                                    "Type",
                                    "MOCK",
                                    "IntegrationResponses",
                                    List.of(Match.objectLike(Map.of(
                                            "ResponseParameters",
                                            Map.of(
                                                    "method.response.header.Access-Control-Allow-Headers",
                                                    "'Authorization'",
                                                    "method.response.header.Access-Control-Allow-Origin",
                                                    "'http://localhost:3000'",
                                                    "method.response.header.Vary",
                                                    "'Origin'",
                                                    "method.response.header.Access-Control-Allow-Methods",
                                                    "'GET'"))))))));
        }
        // No preflight on the root, which has no route.
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of("HttpMethod", "OPTIONS"), 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNAUTHORIZED", "ACCESS_DENIED", "DEFAULT_4XX", "DEFAULT_5XX"})
    void authorizersRefusals_allowTheSampleFrontendsOrigin_andKeepApiGatewaysMessage(String type) {
        template.hasResourceProperties(
                "AWS::ApiGateway::GatewayResponse",
                Map.of(
                        "ResponseType", type,
                        "ResponseParameters",
                                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'http://localhost:3000'"),
                        "ResponseTemplates",
                                Map.of("application/json", "{\"message\": $context.error.messageString}")));
    }

    @Test
    void outputsEachValueOnce_withTheApiUrlUnderAStableName() {
        Map<String, Map<String, Object>> outputs = template.findOutputs("*");

        assertThat(outputs.keySet()).containsExactlyInAnyOrder("UserPoolId", "WebClientId", "HostedUiDomain", "ApiUrl");
        template.hasOutput(
                "ApiUrl",
                Map.of(
                        "Value",
                        Map.of(
                                "Fn::Join",
                                List.of(
                                        "",
                                        List.of(
                                                "https://",
                                                Map.of("Ref", "ApiF70053CD"),
                                                ".execute-api.",
                                                Map.of("Ref", "AWS::Region"),
                                                ".",
                                                Map.of("Ref", "AWS::URLSuffix"),
                                                "/",
                                                Map.of("Ref", "ApiDeploymentStageprod3EB9684E"),
                                                "/")))));
        assertThat(outputs.values().stream().map(output -> output.get("Value")).distinct())
                .hasSize(outputs.size());
    }

    @Test
    void outputsWhatTheSmokeTestReads() throws IOException {
        String smokeTest = Files.readString(Path.of("smoke-test.sh"));
        List<String> read = SMOKE_TEST_READS
                .matcher(smokeTest)
                .results()
                .map(match -> match.group(1))
                .toList();

        assertThat(read).containsExactly("UserPoolId", "WebClientId", "ApiUrl");
        assertThat(template.findOutputs("*").keySet()).containsAll(read);
    }

    @Test
    void mainJobPrintsTheScopeMatrixTheConstructWroteIntoTheAssembly(@TempDir Path outdir) {
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        ScopedGroupAuthExample synthesized = new ScopedGroupAuthExample(app, "ScopedGroupAuthExample", null);
        Path assembly = Path.of(app.synth().getDirectory());

        assertThat(ExampleApp.report(synthesized, assembly))
                .startsWith("Synthesized stack ScopedGroupAuthExample into " + assembly + "\n"
                        + "Scope matrix: " + assembly.resolve("ScopedGroupAuthExample.Auth.scope-matrix.md") + "\n\n"
                        + "# Scope matrix of `ScopedGroupAuthExample/Auth`\n")
                .endsWith("| Group | `ScopedGroupAuthExample/UserPool/WebClient` |\n"
                        + "| --- | --- |\n"
                        + "| (no group) | none |\n"
                        + "| `ADMINS` | `admin/*` |\n"
                        + "| `EVERYONE` | `everyone/*` |\n");
    }
}
