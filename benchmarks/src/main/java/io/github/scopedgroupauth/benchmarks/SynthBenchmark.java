package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.ScopedGroupAuth;
import java.io.IOException;
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
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;

/**
 * Synthesis time of a stack with N groups through {@link ScopedGroupAuth}, against the same resources wired by
 * hand with L2 constructs ({@link HandWiredStack}). Each sample is a fresh {@code App} in this JVM, from
 * {@code new App} to {@code synth()}; one warm-up synthesis of each kind first keeps jsii's start (about ten
 * seconds) out, and checks that both templates have the same resources: as many of every CloudFormation type. So
 * the ratio of the two is the construct's own overhead. Stacks of 500 groups and more have more than 500
 * resources, the CDK's default limit per stack, so every App raises it with the context key
 * {@value #RESOURCE_LIMIT}.
 *
 * <p>Groups share 40 scopes over 4 identifiers ({@code https://api.example.com/rs-k/scope-j}), so the app
 * client stays within Cognito's 50 OAuth scopes.
 *
 * <p>With {@code once KIND GROUPS JAR} it synthesizes one stack of one kind ({@code construct} or
 * {@code handWired}) in this fresh JVM and prints its resource counts; {@code benchmarks/run.sh} runs that with
 * {@code JSII_DEBUG=1} to count the requests each kind sends to jsii.
 */
public final class SynthBenchmark {

    /** The CDK's context key for the most resources a stack may have. */
    static final String RESOURCE_LIMIT = "@aws-cdk/core:stackResourceLimit";

    private static final int IDENTIFIERS = 4;
    private static final int SCOPES_PER_IDENTIFIER = 10;
    private static final String STACK = "Benchmark";

    private SynthBenchmark() {}

    /**
     * Runs every size, the two kinds interleaved, and appends the samples; or, with {@code once}, one synthesis.
     *
     * @param args the results file, the number of samples per size and kind, the function jar, then the sizes; or
     *     {@code once}, the kind, the number of groups and the function jar
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path root = Files.createTempDirectory("synth-benchmark-");
        try {
            if (args[0].equals("once")) {
                boolean construct = args[1].equals("construct");
                Map<String, Integer> counts =
                        resourceCounts(template(root, Integer.parseInt(args[2]), construct, Path.of(args[3])));
                System.out.println(args[1] + " " + args[2] + " groups: " + counts);
            } else {
                measure(
                        Path.of(args[0]),
                        Integer.parseInt(args[1]),
                        Path.of(args[2]).toAbsolutePath(),
                        args,
                        root);
            }
        } finally {
            deleteRecursively(root);
        }
        // jsii's Node.js child process keeps the JVM alive otherwise.
        System.exit(0);
    }

    private static void measure(Path results, int samples, Path lambdaJar, String[] args, Path root)
            throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        checkSameResources(
                resourceCounts(template(root, 10, true, lambdaJar)),
                resourceCounts(template(root, 10, false, lambdaJar)));
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
    }

    /**
     * Fails unless both stacks have as many resources of every type.
     *
     * @throws IllegalStateException naming both counts if they differ
     */
    static void checkSameResources(Map<String, Integer> construct, Map<String, Integer> handWired) {
        if (!construct.equals(handWired)) {
            throw new IllegalStateException("the hand-wired stack must define the resources the construct defines,"
                    + " so that their synthesis times compare; by CloudFormation type, the construct has " + construct
                    + " and the hand-wired stack " + handWired + ": change HandWiredStack to match");
        }
    }

    /** {@return milliseconds from a new App to its synthesized assembly} */
    private static double synth(Path root, int groups, boolean construct, Path lambdaJar) throws IOException {
        Path outdir = Files.createTempDirectory(root, "cdk.out-");
        long start = System.nanoTime();
        App app = app(root, outdir, groups, construct, lambdaJar);
        app.synth();
        double millis = (System.nanoTime() - start) / 1e6;
        deleteRecursively(outdir);
        return millis;
    }

    /** {@return the synthesized template of one stack, untimed} */
    private static Map<?, ?> template(Path root, int groups, boolean construct, Path lambdaJar) throws IOException {
        Path outdir = Files.createTempDirectory(root, "cdk.out-");
        Map<?, ?> template = (Map<?, ?>) app(root, outdir, groups, construct, lambdaJar)
                .synth()
                .getStackByName(STACK)
                .getTemplate();
        deleteRecursively(outdir);
        return template;
    }

    private static App app(Path root, Path outdir, int groups, boolean construct, Path lambdaJar) throws IOException {
        App app = App.Builder.create()
                .outdir(outdir.toString())
                .context(Map.of(RESOURCE_LIMIT, 2000))
                .build();
        Stack stack = new Stack(app, STACK);
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
            HandWiredStack.define(stack, pool, groupScopes, lambdaJar, root);
        }
        return app;
    }

    /** {@return how many resources of each CloudFormation type the template has, by type} */
    static Map<String, Integer> resourceCounts(Map<?, ?> template) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Object resource : ((Map<?, ?>) template.get("Resources")).values()) {
            counts.merge(String.valueOf(((Map<?, ?>) resource).get("Type")), 1, Integer::sum);
        }
        return counts;
    }

    static UserPoolClientOptions clientOptions(List<OAuthScope> extraScopes) {
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
