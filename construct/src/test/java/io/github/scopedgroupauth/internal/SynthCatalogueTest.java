package io.github.scopedgroupauth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.scopedgroupauth.Fixture;
import io.github.scopedgroupauth.ScopedGroupAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.CfnUserPoolResourceServer;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroupOptions;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * Keeps the table "Refused at synth" of docs/reliability.md true: every row names a case below, the case
 * provokes a message that holds the row's text ({@code …} standing for the varying parts), and every case has
 * a row. The late rows share one synthesis of one app that has all late problems at once.
 */
class SynthCatalogueTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "reliability.md");
    private static final String HEADING = "## Refused at synth";
    private static final Map<String, List<String>> GROUPS = Fixture.ADMINS_AND_EVERYONE;
    private static final Map<String, Supplier<String>> CASES = cases();

    private static String lateMessage;

    @Test
    void everyCaseHasARow_andEveryRowACase() {
        List<String> documented = rows().stream().map(row -> row.get(0)).toList();

        assertThat(documented).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(CASES.keySet());
    }

    @TestFactory
    Stream<DynamicTest> eachRowsMessageIsTheOneItsCaseProvokes() {
        return rows().stream()
                .filter(row -> CASES.containsKey(row.get(0)))
                .map(row -> DynamicTest.dynamicTest(
                        row.get(0), () -> assertHolds(CASES.get(row.get(0)).get(), row.get(2))));
    }

    /** The message holds each part of the documented text between the {@code …}, in order. */
    private static void assertHolds(String message, String documented) {
        int from = 0;
        for (String part : documented.split("…", -1)) {
            int at = message.indexOf(part, from);
            assertThat(at)
                    .as("'%s' in order in the message:%n%s", part, message)
                    .isNotNegative();
            from = at + part.length();
        }
    }

    private static Map<String, Supplier<String>> cases() {
        Map<String, Supplier<String>> cases = new LinkedHashMap<>();
        cases.put("props-missing", thrown(() -> new ScopedGroupAuth(new Stack(new App(), "Test"), "Auth", null)));
        cases.put("user-pool-missing", thrown(() -> {
            Stack stack = new Stack(new App(), "Test");
            ScopedGroupAuth.Builder.create(stack, "Auth").groupScopes(GROUPS).build();
        }));
        cases.put("user-pool-other-stack", thrown(() -> {
            Pool pool = new Pool();
            ScopedGroupAuth.Builder.create(new Stack(pool.app, "Other"), "Auth")
                    .userPool(pool.pool)
                    .groupScopes(GROUPS)
                    .build();
        }));
        cases.put(
                "user-pool-lite", thrown(() -> new Pool(FeaturePlan.LITE).auth().build()));
        cases.put("user-pool-trigger", thrown(() -> {
            Pool pool = new Pool();
            pool.pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, pool.otherFunction());
            pool.auth().build();
        }));
        cases.put("user-pool-l1-resource-server", thrown(() -> {
            Pool pool = new Pool();
            CfnUserPoolResourceServer.Builder.create(pool.stack, "Raw")
                    .userPoolId(pool.pool.getUserPoolId())
                    .identifier("admin")
                    .name("admin")
                    .build();
            pool.auth().build();
        }));
        cases.put("resource-server-merged-too-many", thrown(() -> {
            Pool pool = new Pool();
            pool.pool.addResourceServer(
                    "Api",
                    UserPoolResourceServerOptions.builder()
                            .identifier("api")
                            .scopes(IntStream.range(0, 100)
                                    .mapToObj(i -> ResourceServerScope.Builder.create()
                                            .scopeName("s" + i)
                                            .scopeDescription("S" + i)
                                            .build())
                                    .toList())
                            .build());
            pool.auth().groupScopes(Map.of("G", List.of("api/new"))).build();
        }));
        cases.put("group-scopes-empty", groups(Map.of()));
        cases.put("group-name-empty", groups(Map.of("", List.of("a/b"))));
        cases.put("group-name-too-long", groups(Map.of("G".repeat(129), List.of("a/b"))));
        cases.put("group-name-whitespace", groups(Map.of("MY ADMINS", List.of("a/b"))));
        cases.put("group-name-token", groups(Map.of(Token.asString(Fn.ref("Group")), List.of("a/b"))));
        cases.put("group-no-scopes", groups(Map.of("ADMINS", List.of())));
        cases.put("group-scopes-token", thrown(() -> {
            Pool pool = new Pool();
            pool.auth().groupScopes(Map.of("A", pool.listParameter("Scopes"))).build();
        }));
        cases.put("scope-token", groups(Map.of("A", List.of(Token.asString(Fn.ref("Scope"))))));
        cases.put("scope-empty", groups(Map.of("A", List.of(""))));
        cases.put("scope-standard", groups(Map.of("A", List.of("openid"))));
        cases.put("scope-whitespace", groups(Map.of("A", List.of("admin /*"))));
        cases.put("scope-no-slash", groups(Map.of("A", List.of("admin"))));
        cases.put("scope-too-long", groups(Map.of("A", List.of("i".repeat(128) + "/" + "n".repeat(128)))));
        cases.put("scope-empty-identifier", groups(Map.of("A", List.of("/read"))));
        cases.put("scope-empty-name", groups(Map.of("A", List.of("admin/"))));
        cases.put("scope-not-ascii", groups(Map.of("A", List.of("ädmin/x"))));
        cases.put("default-scopes-token", thrown(() -> {
            Pool pool = new Pool();
            pool.auth().defaultScopes(pool.listParameter("Defaults")).build();
        }));
        cases.put(
                "default-scope-invalid",
                thrown(() -> new Pool().auth().defaultScopes(List.of("openid")).build()));
        cases.put(
                "resource-server-too-many-scopes",
                groups(Map.of(
                        "G", IntStream.range(0, 101).mapToObj(i -> "api/s" + i).toList())));
        cases.put(
                "too-many-identifiers",
                groups(Map.of(
                        "G",
                        IntStream.range(0, 301)
                                .mapToObj(i -> "api" + i + "/read")
                                .toList())));
        cases.put(
                "description-unmanaged",
                thrown(() -> new Pool()
                        .auth()
                        .scopeDescriptions(Map.of("other/x", "X"))
                        .build()));
        cases.put(
                "description-length",
                thrown(() -> new Pool()
                        .auth()
                        .scopeDescriptions(Map.of("admin/*", ""))
                        .build()));
        cases.put(
                "lambda-version-v1",
                thrown(() -> new Pool().auth().lambdaVersion(LambdaVersion.V1_0).build()));
        cases.put(
                "memory-token",
                thrown(() -> new Pool()
                        .auth()
                        .memorySize(Token.asNumber(Fn.ref("Memory")))
                        .build()));
        cases.put(
                "memory-out-of-range",
                thrown(() -> new Pool().auth().memorySize(64).build()));
        cases.put("stack-capacity", thrown(() -> {
            App app = new App(AppProps.builder()
                    .context(Map.of("@aws-cdk/core:stackResourceLimit", 5))
                    .build());
            new Pool(app, FeaturePlan.ESSENTIALS).auth().build();
        }));
        cases.put(
                "runtime-version",
                () -> Configuration.runtimeVersionProblem(Optional.of("0.2.0"), Optional.of("0.1.0"))
                        .orElseThrow());
        cases.put("client-null", clients(pool -> Arrays.asList((UserPoolClient) null)));
        cases.put(
                "client-other-pool",
                clients(pool -> List.of(
                        UserPool.Builder.create(pool.stack, "Other").build().addClient("Foreign"))));
        cases.put(
                "client-other-stack",
                clients(pool -> List.of(UserPoolClient.Builder.create(new Stack(pool.app, "B"), "Client")
                        .userPool(pool.pool)
                        .build())));
        cases.put(
                "client-oauth-disabled",
                clients(pool -> List.of(pool.pool.addClient(
                        "Backend",
                        UserPoolClientOptions.builder().disableOAuth(true).build()))));
        cases.put("client-scopes-token", clients(pool -> {
            cfn(pool.web).setAllowedOAuthScopes(pool.listParameter("Allowed"));
            return List.of(pool.web);
        }));
        cases.put("client-flows-token", clients(pool -> {
            UserPoolClient machine = pool.pool.addClient(
                    "Machine",
                    UserPoolClientOptions.builder().generateSecret(true).build());
            cfn(machine).setAllowedOAuthFlows(pool.listParameter("Flows"));
            return List.of(machine);
        }));
        cases.put("client-credentials-every-scope", clients(pool -> List.of(pool.machineClient("Machine", List.of()))));
        cases.put("client-too-many-scopes", thrown(() -> {
            Pool pool = new Pool();
            pool.auth()
                    .groupScopes(Map.of(
                            "G",
                            IntStream.range(0, 46).mapToObj(i -> "api/s" + i).toList()))
                    .clients(List.of(pool.web))
                    .build();
        }));
        cases.put("grant-no-scopes", thrown(() -> {
            Pool pool = new Pool();
            pool.auth().build().grant(pool.web, List.of());
        }));
        cases.put("grant-unmanaged-scope", thrown(() -> {
            Pool pool = new Pool();
            pool.auth().build().grant(pool.web, List.of("other/x"));
        }));
        cases.put(
                "scopes-for-unknown-group",
                thrown(() -> new Pool().auth().build().scopesFor("OTHERS")));
        cases.put("trigger-function-runtime", thrown(() -> {
            Pool pool = new Pool();
            pool.auth().triggerFunction(pool.otherFunction()).build();
        }));
        cases.put("trigger-function-other-stack", thrown(() -> {
            Pool pool = new Pool();
            pool.auth()
                    .triggerFunction(Pool.javaFunction(new Stack(pool.app, "Other")))
                    .build();
        }));
        cases.put("trigger-function-twice", thrown(() -> {
            Pool pool = new Pool();
            Function own = Pool.javaFunction(pool.stack);
            pool.auth().triggerFunction(own).build();
            ScopedGroupAuth.Builder.create(pool.stack, "Second")
                    .userPool(UserPool.Builder.create(pool.stack, "SecondPool").build())
                    .groupScopes(GROUPS)
                    .triggerFunction(own)
                    .build();
        }));
        cases.put("trigger-function-embedded-settings", thrown(() -> {
            Pool pool = new Pool();
            pool.auth()
                    .triggerFunction(Pool.javaFunction(pool.stack))
                    .architecture(Architecture.X86_64)
                    .build();
        }));
        cases.put("late-trigger-function-variable", thrown(() -> {
            Pool pool = new Pool();
            Function own = Pool.javaFunction(pool.stack);
            own.addEnvironment("SCOPED_GROUP_AUTH_LAYER_ROOT", "/tmp");
            pool.auth().triggerFunction(own).build();
            pool.app.synth();
        }));
        cases.put("late-trigger-function-clients", thrown(() -> {
            Pool pool = new Pool();
            Function own = Pool.javaFunction(pool.stack);
            pool.auth().triggerFunction(own).build();
            own.addEnvironment("SCOPED_GROUP_AUTH_CLIENTS", "00000000:*");
            pool.app.synth();
        }));
        for (String late : List.of(
                "late-v1-trigger",
                "late-group-twice",
                "late-resource-server-twice",
                "late-grants-too-long",
                "late-granted-client-credentials",
                "late-granted-oauth-disabled",
                "late-granted-machine-client-beyond-grant",
                "late-ungranted-machine-client",
                "late-ungranted-machine-client-other-stack")) {
            cases.put(late, SynthCatalogueTest::lateMessage);
        }
        return cases;
    }

    /**
     * One app with every problem that only synthesis finds, because it was made after the construct: a V1_0
     * trigger, a group and a resource server defined again, too many grants for the environment, granted clients
     * switched to client credentials or without OAuth, a granted machine client allowing a managed scope beyond
     * its grant, and ungranted machine clients allowing a managed scope, in the pool's stack and in another.
     */
    private static synchronized String lateMessage() {
        if (lateMessage == null) {
            Pool pool = new Pool();
            UserPoolClient machine = pool.pool.addClient(
                    "Machine",
                    UserPoolClientOptions.builder().generateSecret(true).build());
            UserPoolClient backend = pool.pool.addClient("Backend");
            ScopedGroupAuth auth =
                    pool.auth().clients(List.of(machine, backend)).build();
            // Each grant takes a client id's worth of environment: enough of them pass the 4 KB quota.
            for (int i = 0; i < 160; i++) {
                auth.grant(pool.pool.addClient("Client" + i), List.of("everyone/*"));
            }
            cfn(machine).setAllowedOAuthFlows(List.of("client_credentials"));
            cfn(backend).setAllowedOAuthFlowsUserPoolClient(false);
            auth.grant(pool.machineClient("Partner", auth.oauthScopesFor("ADMINS")), List.of("everyone/*"));
            pool.machineClient("LateMachine", auth.oauthScopesFor("ADMINS"));
            UserPoolClient.Builder.create(new Stack(pool.app, "Elsewhere"), "Machine")
                    .userPool(pool.pool)
                    .generateSecret(true)
                    .oAuth(OAuthSettings.builder()
                            .flows(OAuthFlows.builder().clientCredentials(true).build())
                            .scopes(auth.oauthScopesFor("ADMINS"))
                            .build())
                    .build();
            pool.pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, pool.otherFunction());
            pool.pool.addGroup(
                    "Late", UserPoolGroupOptions.builder().groupName("ADMINS").build());
            pool.pool.addResourceServer(
                    "LateServer",
                    UserPoolResourceServerOptions.builder().identifier("admin").build());
            lateMessage = thrown(pool.app::synth).get();
        }
        return lateMessage;
    }

    private static Supplier<String> groups(Map<String, List<String>> groupScopes) {
        return thrown(() -> new Pool().auth().groupScopes(groupScopes).build());
    }

    private static Supplier<String> clients(java.util.function.Function<Pool, List<UserPoolClient>> clients) {
        return thrown(() -> {
            Pool pool = new Pool();
            pool.auth().clients(clients.apply(pool)).build();
        });
    }

    /** The message of what {@code call} throws; fails if it throws nothing. */
    private static Supplier<String> thrown(ThrowingCallable call) {
        return () -> {
            Throwable thrown = catchThrowable(call);
            assertThat(thrown).as("the case throws").isNotNull();
            return thrown.getMessage();
        };
    }

    private static CfnUserPoolClient cfn(UserPoolClient client) {
        return (CfnUserPoolClient) client.getNode().getDefaultChild();
    }

    private static List<List<String>> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        int start = lines.indexOf(HEADING);
        assertThat(start).as("%s has '%s'", DOCUMENT, HEADING).isNotNegative();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| `")) {
                String inner = line.substring(1, line.length() - 1);
                rows.add(Arrays.stream(inner.split(" \\| "))
                        .map(SynthCatalogueTest::unwrap)
                        .toList());
            }
        }
        return rows;
    }

    private static String unwrap(String cell) {
        String text = cell.strip();
        if (text.startsWith("`` ") && text.endsWith(" ``")) {
            return text.substring(3, text.length() - 3);
        }
        return text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
    }

    /** The shared fixture, with the stack-level helpers of these cases. */
    private static final class Pool extends Fixture {

        Pool() {
            super();
        }

        Pool(FeaturePlan plan) {
            super(plan);
        }

        Pool(App app, FeaturePlan plan) {
            super(app, plan);
        }

        List<String> listParameter(String id) {
            return CfnParameter.Builder.create(stack, id)
                    .type("CommaDelimitedList")
                    .build()
                    .getValueAsList();
        }

        /** A Java 21 function whose code is an empty directory: enough to synthesize. */
        static Function javaFunction(Construct scope) {
            try {
                return Function.Builder.create(scope, "Own")
                        .runtime(Runtime.JAVA_21)
                        .handler("example.Own::handleRequest")
                        .code(Code.fromAsset(
                                Files.createTempDirectory("trigger-code").toString()))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Function otherFunction() {
            return Function.Builder.create(stack, "Other")
                    .runtime(Runtime.NODEJS_22_X)
                    .handler("index.handler")
                    .code(Code.fromInline("exports.handler = async (e) => e;"))
                    .build();
        }
    }
}
