package io.github.scopedgroupauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;

/**
 * A fresh stack with a user pool and a web client, for one test. Public and open, so tests in other packages can
 * use it and add helpers of their own.
 */
public class Fixture {

    /** The recipe's groups. */
    public static final Map<String, List<String>> ADMINS_AND_EVERYONE =
            Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*"));
    /** The scopes the CDK allows an app client by default, in the order it writes them. */
    static final List<String> STANDARD_SCOPES =
            List.of("profile", "phone", "email", "openid", "aws.cognito.signin.user.admin");

    /** The app. */
    public final App app;
    /** The stack {@code Test}. */
    public final Stack stack;
    /** The user pool {@code Pool}. */
    public final UserPool pool;
    /** The client {@code Web}, with the authorization code flow. */
    public final UserPoolClient web;

    /** A new app, with the ESSENTIALS plan. */
    public Fixture() {
        this(FeaturePlan.ESSENTIALS);
    }

    /**
     * A new app.
     *
     * @param plan the pool's feature plan
     */
    public Fixture(FeaturePlan plan) {
        this(new App(), plan);
    }

    /**
     * A new stack in a given app.
     *
     * @param app the app
     * @param plan the pool's feature plan
     */
    public Fixture(App app, FeaturePlan plan) {
        this.app = app;
        stack = new Stack(app, "Test");
        pool = UserPool.Builder.create(stack, "Pool").featurePlan(plan).build();
        web = pool.addClient(
                "Web",
                UserPoolClientOptions.builder()
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .callbackUrls(List.of("http://localhost:3000/"))
                                .build())
                        .build());
    }

    /** A machine-to-machine client {@code Machine} of the pool, with the client credentials flow. */
    UserPoolClient machineClient(List<OAuthScope> scopes) {
        return machineClient("Machine", scopes);
    }

    /**
     * A machine-to-machine client of the pool, with the client credentials flow.
     *
     * @param id the client's construct id
     * @param scopes the scopes it allows
     * @return the client
     */
    public UserPoolClient machineClient(String id, List<OAuthScope> scopes) {
        return pool.addClient(
                id,
                UserPoolClientOptions.builder()
                        .generateSecret(true)
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .clientCredentials(true)
                                        .build())
                                .scopes(scopes)
                                .build())
                        .build());
    }

    UserPoolClient client(String id) {
        return pool.addClient(id);
    }

    /**
     * The construct on the pool with the recipe's groups, to be completed by the test.
     *
     * @return the builder
     */
    public ScopedGroupAuth.Builder auth() {
        return ScopedGroupAuth.Builder.create(stack, "Auth").userPool(pool).groupScopes(ADMINS_AND_EVERYONE);
    }

    Template template() {
        return Template.fromStack(stack);
    }

    /** The standard scopes followed by the given ones, as the template lists a granted client's scopes. */
    static List<String> standardScopesAnd(String... scopes) {
        List<String> all = new ArrayList<>(STANDARD_SCOPES);
        all.addAll(List.of(scopes));
        return all;
    }

    /**
     * The function's properties whose grant variable is the policy file's checksum followed by the given
     * parts: client id references and their {@code =…;} grants.
     */
    static Map<String, Object> functionWithGrants(Object... parts) {
        List<Object> joined = new ArrayList<>();
        joined.add(Match.stringLikeRegexp("[0-9a-f]{8}:"));
        joined.addAll(List.of(parts));
        return Map.of(
                "Environment",
                Map.of(
                        "Variables",
                        Match.objectLike(
                                Map.of("SCOPED_GROUP_AUTH_CLIENTS", Map.of("Fn::Join", List.of("", joined))))));
    }

    /** A reference to the client whose logical id starts with the given prefix. */
    static Map<String, Object> refTo(String logicalIdPrefix) {
        return Map.of("Ref", Match.stringLikeRegexp(logicalIdPrefix + ".*"));
    }
}
