package io.github.scopedgroupauth.examples;

import io.github.scopedgroupauth.ScopedGroupAuth;
import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.ResourceOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.constructs.Construct;

/**
 * The ADMINS/EVERYONE setup in Java: a user pool with email sign-in, a web client with the OAuth code flow,
 * groups and scopes through {@link ScopedGroupAuth}, and a REST API whose routes require the scopes.
 *
 * <p>Context: {@code domainPrefix} (the Cognito domain prefix, unique in the Region; by default one is derived
 * from the stack id, see {@link DomainPrefix}) and {@code threatProtection=audit} (PLUS feature plan with
 * audit-only threat protection, as the Amplify recipe had; ESSENTIALS is enough for access token
 * customization).
 *
 * <p>Two alarms, on refused events and on suppressed scopes, watch the trigger (see {@link #alarms()}).
 *
 * <p>Outputs: {@code UserPoolId}, {@code WebClientId}, {@code HostedUiDomain} and {@code ApiUrl}, each once. The
 * REST API defines no CloudWatch role: the CDK's default would set the Region-wide API Gateway account setting
 * ({@code AWS::ApiGateway::Account}), which stays after the stack is deleted and applies to every API of the
 * account in that Region.
 *
 * <p>The API allows cross-origin calls from {@link #CALLBACK_ORIGIN}, the sample frontend in
 * {@code examples/frontend}: on preflight, on the routes' responses, on the 401 and 403 responses of the
 * authorizer and on API Gateway's other 4XX and 5XX answers, so that the page can show why a call was refused.
 */
public class ScopedGroupAuthExample extends Stack {

    /** The callback of the local web app the client redirects to after sign-in. */
    public static final String CALLBACK_URL = "http://localhost:3000/";
    /** The origin of {@link #CALLBACK_URL}, the only one the API allows cross-origin calls from. */
    public static final String CALLBACK_ORIGIN = "http://localhost:3000";
    /** The CORS header as a method or gateway response sets it: a static value, quoted. */
    private static final String ALLOW_CALLBACK_ORIGIN = "'" + CALLBACK_ORIGIN + "'";

    /** The context key: {@code -c threatProtection=audit}. */
    private static final String THREAT_PROTECTION = "threatProtection";
    /** The only value {@value #THREAT_PROTECTION} takes. */
    private static final String AUDIT = "audit";

    private static final String ALLOW_ORIGIN_HEADER = "Access-Control-Allow-Origin";
    /** The id of the RestApi's own output of its URL, which this stack renames {@code ApiUrl}. */
    private static final String REST_API_URL_OUTPUT = "Endpoint";

    /** Suppressed scopes in 5 minutes above which the example alarms; see {@link #alarms()}. */
    static final int SUPPRESSIONS_PER_5_MINUTES = 20;

    private final UserPoolClient webClient;
    private final ScopedGroupAuth auth;

    /**
     * Defines the example.
     *
     * @param scope the app
     * @param id the stack id
     * @param props stack properties; may be null
     */
    // A stack defines its children with itself as their scope; javac 21+ flags that as a 'this' escape.
    @SuppressWarnings("this-escape")
    public ScopedGroupAuthExample(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        String domainPrefix = DomainPrefix.of(this);
        UserPool userPool = userPool(auditThreats(getNode().tryGetContext(THREAT_PROTECTION)));
        webClient = userPool.addClient(
                "WebClient",
                UserPoolClientOptions.builder()
                        .generateSecret(false)
                        // SRP for the web app; admin password sign-in only for the AWS CLI smoke test, which needs
                        // IAM credentials and so cannot be used from a browser.
                        .authFlows(AuthFlow.builder()
                                .userSrp(true)
                                .adminUserPassword(true)
                                .build())
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
                                .callbackUrls(List.of(CALLBACK_URL))
                                .logoutUrls(List.of(CALLBACK_URL))
                                .build())
                        .build());
        UserPoolDomain domain = userPool.addDomain(
                "Domain",
                UserPoolDomainOptions.builder()
                        .cognitoDomain(CognitoDomainOptions.builder()
                                .domainPrefix(domainPrefix)
                                .build())
                        .build());

        auth = ScopedGroupAuth.Builder.create(this, "Auth")
                .userPool(userPool)
                .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
                .scopeDescriptions(
                        Map.of("admin/*", "allow all admin operations", "everyone/*", "allow all everyone operations"))
                .clients(List.of(webClient))
                .build();

        api(userPool);
        alarms();
        output("UserPoolId", userPool.getUserPoolId());
        output("WebClientId", webClient.getUserPoolClientId());
        output("HostedUiDomain", domain.baseUrl());
    }

    /**
     * Reads the {@value #THREAT_PROTECTION} context value: absent for ESSENTIALS, {@code audit} for PLUS with
     * audit-only threat protection.
     *
     * @throws IllegalArgumentException for any other value, which would otherwise deploy without the protection
     *     the caller asked for
     */
    private static boolean auditThreats(Object value) {
        if (value == null) {
            return false;
        }
        if (!AUDIT.equals(value)) {
            throw new IllegalArgumentException("`" + THREAT_PROTECTION + "` '" + Printable.escape(String.valueOf(value))
                    + "' is not a threat protection mode of the example: pass -c " + THREAT_PROTECTION + "=" + AUDIT
                    + " for the PLUS feature plan with audit-only threat protection, or leave it out for the"
                    + " ESSENTIALS plan");
        }
        return true;
    }

    private UserPool userPool(boolean auditThreats) {
        return UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(true)
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .featurePlan(auditThreats ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS)
                .standardThreatProtectionMode(auditThreats ? StandardThreatProtectionMode.AUDIT_ONLY : null)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private void api(UserPool userPool) {
        RestApi api = RestApi.Builder.create(this, "Api")
                .description("ScopedGroupAuth example: each route requires its group's scope")
                // No AWS::ApiGateway::Account: it is one setting per account and Region, outlives the stack and
                // would replace a CloudWatch role that other APIs already use.
                .cloudWatchRole(false)
                .build();
        // The RestApi already outputs its URL; give that output the stable name the smoke test reads instead of
        // adding a second output with the same value.
        ((CfnOutput) api.getNode().findChild(REST_API_URL_OUTPUT)).overrideLogicalId("ApiUrl");
        CognitoUserPoolsAuthorizer authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
                .cognitoUserPools(List.of(userPool))
                .build();
        route(api, authorizer, "admin", "ADMINS");
        route(api, authorizer, "everyone", "EVERYONE");
        allowCallbackOriginOnRefusals(api);
    }

    /**
     * The authorizer's refusals come from gateway responses, not from the routes: without the CORS header there,
     * a browser hides a 401 or 403 behind a network error. The body keeps API Gateway's own message, since a
     * gateway response cannot tell which route's scope was missing. The defaults for other 4XX and 5XX answers
     * (a wrong path, throttling, an integration failure) carry the header too, so the page shows those as well.
     */
    private static void allowCallbackOriginOnRefusals(RestApi api) {
        for (Map.Entry<String, ResponseType> response : List.of(
                Map.entry("Unauthorized", ResponseType.UNAUTHORIZED),
                Map.entry("AccessDenied", ResponseType.ACCESS_DENIED),
                Map.entry("Default4xx", ResponseType.DEFAULT_4_XX),
                Map.entry("Default5xx", ResponseType.DEFAULT_5_XX))) {
            api.addGatewayResponse(
                    response.getKey(),
                    GatewayResponseOptions.builder()
                            .type(response.getValue())
                            .responseHeaders(Map.of(ALLOW_ORIGIN_HEADER, ALLOW_CALLBACK_ORIGIN))
                            .templates(Map.of("application/json", "{\"message\": $context.error.messageString}"))
                            .build());
        }
    }

    /** A GET route that requires the group's scopes and echoes the caller's scopes, with no function behind it. */
    private void route(RestApi api, CognitoUserPoolsAuthorizer authorizer, String path, String group) {
        MockIntegration echo = MockIntegration.Builder.create()
                .passthroughBehavior(PassthroughBehavior.NEVER)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}"))
                .integrationResponses(List.of(IntegrationResponse.builder()
                        .statusCode("200")
                        .responseParameters(
                                Map.of("method.response.header." + ALLOW_ORIGIN_HEADER, ALLOW_CALLBACK_ORIGIN))
                        .responseTemplates(Map.of(
                                "application/json",
                                "{\"route\": \"" + path + "\", \"scopes\":" + " \"$context.authorizer.claims.scope\"}"))
                        .build()))
                .build();
        api.getRoot()
                .addResource(
                        path,
                        ResourceOptions.builder()
                                .defaultCorsPreflightOptions(CorsOptions.builder()
                                        .allowOrigins(List.of(CALLBACK_ORIGIN))
                                        .allowMethods(List.of("GET"))
                                        .allowHeaders(List.of("Authorization"))
                                        .build())
                                .build())
                .addMethod(
                        "GET",
                        echo,
                        MethodOptions.builder()
                                .authorizationType(AuthorizationType.COGNITO)
                                .authorizer(authorizer)
                                .authorizationScopes(auth.scopesFor(group))
                                .methodResponses(List.of(MethodResponse.builder()
                                        .statusCode("200")
                                        .responseParameters(
                                                Map.of("method.response.header." + ALLOW_ORIGIN_HEADER, true))
                                        .build()))
                                .build());
    }

    /**
     * Two alarms on the trigger's own metrics, without actions: add an SNS topic or another action to be told.
     *
     * <p>{@code EventsRefusedAlarm}: any refused event in a minute. A refusal means the pool's trigger is no longer
     * at event version V2_0 or V3_0, and then every sign-in fails, so one is enough, and the shortest period of a
     * standard-resolution metric tells soonest. Minutes without a refusal write no data, which is not breaching.
     *
     * <p>{@code ScopesSuppressedAlarm}: more than {@value #SUPPRESSIONS_PER_5_MINUTES} suppressed scopes in 5
     * minutes. The sample page asks for every scope the client allows, {@code admin/*} included, so each sign-in
     * or token refresh of a user who is only in EVERYONE suppresses one scope: a handful an hour in a demo. Far
     * more in 5 minutes is a script trying for admin tokens, or a client that started asking for scopes it should
     * not. An app whose clients ask only for what their users hold can alarm at 1.
     */
    private void alarms() {
        Alarm.Builder.create(this, "EventsRefusedAlarm")
                .alarmDescription("ScopedGroupAuth refused sign-ins: the user pool's pre token generation trigger is"
                        + " not at event version V2_0 or V3_0 (docs/operations.md, Monitoring)")
                .metric(auth.metricEventsRefused(
                        MetricOptions.builder().period(Duration.minutes(1)).build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Alarm.Builder.create(this, "ScopesSuppressedAlarm")
                .alarmDescription("ScopedGroupAuth suppressed more requested scopes than the sample page's sign-ins"
                        + " explain: someone may be trying for scopes they do not hold (docs/operations.md,"
                        + " Monitoring)")
                .metric(auth.metricScopesSuppressed())
                .threshold(SUPPRESSIONS_PER_5_MINUTES)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private void output(String id, String value) {
        CfnOutput.Builder.create(this, id).value(value).build();
    }

    /**
     * The web app client granted the scopes.
     *
     * @return the client
     */
    public UserPoolClient getWebClient() {
        return webClient;
    }

    /**
     * The ScopedGroupAuth construct of this example.
     *
     * @return the construct
     */
    public ScopedGroupAuth getAuth() {
        return auth;
    }
}
