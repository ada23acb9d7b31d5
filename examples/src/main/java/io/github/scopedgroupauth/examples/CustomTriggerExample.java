package io.github.scopedgroupauth.examples;

import io.github.scopedgroupauth.ScopedGroupAuth;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The ADMINS/EVERYONE groups with a pre token generation function of the app's own: {@code TenantClaimTrigger}
 * adds a {@code tenant} claim to both tokens and calls {@code ScopedGroupAuthScopes.apply}, and ScopedGroupAuth
 * attaches it as the trigger with the policy as a layer. The function's code is a directory with the handler's jar
 * and its dependencies in {@code lib/}, as the Lambda Java runtime loads them.
 */
public class CustomTriggerExample extends Stack {

    /** The handler of the app's own function. */
    public static final String HANDLER = "io.github.scopedgroupauth.examples.trigger.TenantClaimTrigger::handleRequest";

    private final UserPoolClient webClient;
    private final Function trigger;
    private final ScopedGroupAuth auth;

    /**
     * Defines the example.
     *
     * @param scope the app
     * @param id the stack id
     * @param props stack properties; may be null
     * @param triggerCode the function code directory: the handler's jar and its dependencies under {@code lib/}
     */
    // A stack defines its children with itself as their scope; javac 21+ flags that as a 'this' escape.
    @SuppressWarnings("this-escape")
    public CustomTriggerExample(Construct scope, String id, StackProps props, Path triggerCode) {
        super(scope, id, props);
        UserPool userPool = UserPool.Builder.create(this, "UserPool")
                .signInAliases(SignInAliases.builder().email(true).build())
                .customAttributes(Map.of(
                        "tenant", StringAttribute.Builder.create().maxLen(64).build()))
                .featurePlan(FeaturePlan.ESSENTIALS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        webClient = userPool.addClient(
                "WebClient",
                UserPoolClientOptions.builder()
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL))
                                .callbackUrls(List.of(ScopedGroupAuthExample.CALLBACK_URL))
                                .build())
                        .build());
        trigger = Function.Builder.create(this, "TenantTrigger")
                .description("Adds the tenant claim; ScopedGroupAuthScopes decides the scopes")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(triggerCode.toString()))
                .memorySize(512)
                .timeout(Duration.seconds(5))
                .logGroup(LogGroup.Builder.create(this, "TenantTriggerLogs")
                        .retention(RetentionDays.THREE_MONTHS)
                        .build())
                .build();
        auth = ScopedGroupAuth.Builder.create(this, "Auth")
                .userPool(userPool)
                .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
                .clients(List.of(webClient))
                .triggerFunction(trigger)
                .build();
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
     * The app's own trigger function.
     *
     * @return the function
     */
    public Function getTrigger() {
        return trigger;
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
