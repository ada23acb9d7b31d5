package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.ScopedGroupAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroup;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * Synthesis time of a stack with N groups through {@link ScopedGroupAuth}, against the same resources wired by
 * hand with L2 constructs: a {@code UserPoolGroup} per group, a {@code UserPoolResourceServer} per identifier with
 * its scopes, the scopes on the app client, and a function with the function jar and a mapping file as its code,
 * attached as the V2_0 pre token generation trigger. Each sample is a fresh {@code App} in this JVM, from
 * {@code new App} to {@code synth()}; one warm-up synthesis of each kind first keeps jsii's start (about ten
 * seconds) out. Stacks of 500 groups have more than 500 resources, the CDK's default limit per stack, so every
 * App raises it with the context key {@value #RESOURCE_LIMIT}.
 *
 * <p>Groups share 40 scopes over 4 identifiers ({@code https://api.example.com/rs-k/scope-j}), so the app
 * client stays within Cognito's 50 OAuth scopes.
 */
public final class SynthBenchmark {

    /** The CDK's context key for the most resources a stack may have. */
    static final String RESOURCE_LIMIT = "@aws-cdk/core:stackResourceLimit";

    private static final int IDENTIFIERS = 4;
    private static final int SCOPES_PER_IDENTIFIER = 10;

    private SynthBenchmark() {}

    /**
     * Runs every size, the two kinds interleaved, and appends the samples.
     *
     * @param args the results file, the number of samples per size and kind, the function jar, then the sizes
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        int samples = Integer.parseInt(args[1]);
        Path lambdaJar = Path.of(args[2]).toAbsolutePath();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        Path root = Files.createTempDirectory("synth-benchmark-");
        try {
            synth(root, 10, true, lambdaJar);
            synth(root, 10, false, lambdaJar);
            Map<String, List<Double>> measured = new LinkedHashMap<>();
            for (int size : sizes) {
                for (int sample = 0; sample < samples; sample++) {
                    measured.computeIfAbsent("synth.construct." + size, key -> new ArrayList<>())
                            .add(synth(root, size, true, lambdaJar));
                    measured.computeIfAbsent("synth.handWired." + size, key -> new ArrayList<>())
                            .add(synth(root, size, false, lambdaJar));
                }
            }
            for (Map.Entry<String, List<Double>> entry : measured.entrySet()) {
                Samples.append(results, entry.getKey(), "ms", entry.getValue());
            }
        } finally {
            deleteRecursively(root);
        }
        // jsii's Node.js child process keeps the JVM alive otherwise.
        System.exit(0);
    }

    /** {@return milliseconds from a new App to its synthesized assembly} */
    private static double synth(Path root, int groups, boolean construct, Path lambdaJar) throws IOException {
        Path outdir = Files.createTempDirectory(root, "cdk.out-");
        long start = System.nanoTime();
        App app = App.Builder.create()
                .outdir(outdir.toString())
                .context(Map.of(RESOURCE_LIMIT, 2000))
                .build();
        Stack stack = new Stack(app, "Benchmark");
        UserPool pool = UserPool.Builder.create(stack, "UserPool").build();
        Map<String, List<String>> groupScopes = groupScopes(groups);
        if (construct) {
            UserPoolClient client = pool.addClient("WebClient", clientOptions(List.of()));
            ScopedGroupAuth.Builder.create(stack, "Auth")
                    .userPool(pool)
                    .groupScopes(groupScopes)
                    .clients(List.of(client))
                    .build();
        } else {
            handWired(stack, pool, groupScopes, lambdaJar, root);
        }
        app.synth();
        double millis = (System.nanoTime() - start) / 1e6;
        deleteRecursively(outdir);
        return millis;
    }

    private static void handWired(
            Stack stack, UserPool pool, Map<String, List<String>> groupScopes, Path lambdaJar, Path root)
            throws IOException {
        List<OAuthScope> clientScopes = new ArrayList<>();
        for (int k = 0; k < IDENTIFIERS; k++) {
            List<ResourceServerScope> scopes = new ArrayList<>();
            for (int j = 0; j < SCOPES_PER_IDENTIFIER; j++) {
                scopes.add(ResourceServerScope.Builder.create()
                        .scopeName("scope-" + j)
                        .scopeDescription("scope " + j)
                        .build());
            }
            UserPoolResourceServer server = pool.addResourceServer(
                    "ResourceServer" + k,
                    software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions.builder()
                            .identifier(identifier(k))
                            .scopes(scopes)
                            .build());
            for (ResourceServerScope scope : scopes) {
                clientScopes.add(OAuthScope.resourceServer(server, scope));
            }
        }
        pool.addClient("WebClient", clientOptions(clientScopes));
        StringBuilder mapping = new StringBuilder();
        int index = 0;
        for (Map.Entry<String, List<String>> group : groupScopes.entrySet()) {
            UserPoolGroup.Builder.create(stack, "Group" + index++)
                    .userPool(pool)
                    .groupName(group.getKey())
                    .build();
            mapping.append(group.getKey())
                    .append(' ')
                    .append(String.join(" ", group.getValue()))
                    .append('\n');
        }
        Path code = Files.createTempDirectory(root, "code-");
        Files.createDirectories(code.resolve("lib"));
        Files.copy(lambdaJar, code.resolve("lib").resolve(lambdaJar.getFileName()));
        Files.writeString(code.resolve("groups.txt"), mapping, StandardCharsets.UTF_8);
        Function function = Function.Builder.create(stack, "PreTokenGeneration")
                .runtime(Runtime.JAVA_21)
                .handler("example.Handler::handleRequest")
                .code(Code.fromAsset(code.toString()))
                .memorySize(512)
                .build();
        pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, function, LambdaVersion.V2_0);
    }

    private static UserPoolClientOptions clientOptions(List<OAuthScope> extraScopes) {
        List<OAuthScope> scopes = new ArrayList<>(List.of(OAuthScope.OPENID, OAuthScope.EMAIL));
        scopes.addAll(extraScopes);
        return UserPoolClientOptions.builder()
                .generateSecret(false)
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
                        .scopes(scopes)
                        .callbackUrls(List.of("http://localhost:3000/"))
                        .build())
                .build();
    }

    /** {@code group-i} gets one scope, in turn from the 40. */
    private static Map<String, List<String>> groupScopes(int groups) {
        Map<String, List<String>> groupScopes = new TreeMap<>();
        for (int i = 0; i < groups; i++) {
            int scope = i % (IDENTIFIERS * SCOPES_PER_IDENTIFIER);
            groupScopes.put("group-" + i, List.of(identifier(scope % IDENTIFIERS) + "/scope-" + scope / IDENTIFIERS));
        }
        return groupScopes;
    }

    private static String identifier(int k) {
        return "https://api.example.com/rs-" + k;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
