package io.github.scopedgroupauth;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;

/** A fresh stack with a user pool and a web client, for one test. */
final class Fixture {

    static final Map<String, List<String>> ADMINS_AND_EVERYONE =
            Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*"));

    final App app = new App();
    final Stack stack = new Stack(app, "Test");
    final UserPool pool;
    final UserPoolClient web;

    Fixture() {
        this(FeaturePlan.ESSENTIALS);
    }

    Fixture(FeaturePlan plan) {
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
        return pool.addClient(
                "Machine",
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

    ScopedGroupAuth.Builder auth() {
        return ScopedGroupAuth.Builder.create(stack, "Auth").userPool(pool).groupScopes(ADMINS_AND_EVERYONE);
    }

    Template template() {
        return Template.fromStack(stack);
    }
}
