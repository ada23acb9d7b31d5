package io.github.scopedgroupauth.examples.e2e;

import io.github.scopedgroupauth.benchmarks.InitTimingHandler;
import io.github.scopedgroupauth.benchmarks.Samples;
import io.github.scopedgroupauth.benchmarks.TrivialHandler;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold start under the official runtime interface client, with the end-to-end tests' harness (a loopback Runtime
 * API and the managed {@code java21} runtime's launch, Lambda's JVM flags included): process start to first
 * response for this project's handler, the {@link TrivialHandler} and a Node.js process running the recipe's
 * logic behind a minimal Runtime API client ({@code benchmarks/node/runtime-client.js}). Then the SnapStart path
 * without a real snapshot: the runtime runs the before-checkpoint hooks, asks for {@code /restore/next}, and the
 * first event's round trip is timed from the moment it is queued.
 *
 * <p>Lives in the harness's package, which the examples module's test jar provides, so nothing is copied.
 */
public final class ColdStartBenchmark {

    private static final String SCOPED = PolicyFormat.HANDLER;
    private static final String TRIVIAL = TrivialHandler.class.getName() + "::handleRequest";
    private static final String TIMING = InitTimingHandler.class.getName() + "::handleRequest";

    private ColdStartBenchmark() {}

    /**
     * Runs every configuration, interleaved, and appends the samples.
     *
     * @param args the function jar, the results file, the number of samples, the directory of the Node.js scripts
     *     and the event file
     * @throws IOException if a process or file fails
     */
    public static void main(String[] args) throws IOException {
        Path lambdaJar = Path.of(args[0]);
        Path results = Path.of(args[1]);
        int samples = Integer.parseInt(args[2]);
        Path nodeScripts = Path.of(args[3]).toAbsolutePath();
        String event = Files.readString(Path.of(args[4]), StandardCharsets.UTF_8);
        Path root = Files.createTempDirectory("cold-start-benchmark-");
        try {
            Path scopedCode = scopedCode(root, lambdaJar);
            Path trivialCode = trivialCode(root, lambdaJar);
            Map<String, String> extra = profiling();
            Map<String, String> environment = new LinkedHashMap<>(extra);
            environment.put(PolicyFormat.CLIENTS_VARIABLE, clientsVariable());
            LambdaFunction scoped =
                    LambdaFunction.of(scopedCode, SCOPED, environment).withLogLevel("WARN");
            LambdaFunction trivial =
                    LambdaFunction.of(trivialCode, TRIVIAL, extra).withLogLevel("WARN");
            LambdaFunction scopedTimed = LambdaFunction.of(
                            scopedCode, TIMING, with(environment, PreTokenGenerationHandler.class))
                    .withLogLevel("WARN");
            LambdaFunction trivialTimed = LambdaFunction.of(trivialCode, TIMING, with(extra, TrivialHandler.class))
                    .withLogLevel("WARN");
            Map<String, List<Double>> measured = new LinkedHashMap<>();
            for (int sample = -1; sample < samples; sample++) {
                // Sample -1 warms the disk cache and is not recorded.
                Duration[] scopedCold = coldStart(scoped, event);
                record(measured, sample, "coldInit.scoped", scopedCold[0]);
                record(measured, sample, "cold.scoped", scopedCold[1]);
                Duration[] trivialCold = coldStart(trivial, event);
                record(measured, sample, "coldInit.trivial", trivialCold[0]);
                record(measured, sample, "cold.trivial", trivialCold[1]);
                Duration[] nodeCold = coldStartNode(nodeScripts, event);
                record(measured, sample, "coldInit.node", nodeCold[0]);
                record(measured, sample, "cold.node", nodeCold[1]);
                Duration[] scopedSnap = restoreThenFirstEvent(scoped.withSnapStart(true), event);
                record(measured, sample, "ready.scoped", scopedSnap[0]);
                record(measured, sample, "restoreFirstEvent.scoped", scopedSnap[1]);
                Duration[] trivialSnap = restoreThenFirstEvent(trivial.withSnapStart(true), event);
                record(measured, sample, "ready.trivial", trivialSnap[0]);
                record(measured, sample, "restoreFirstEvent.trivial", trivialSnap[1]);
                record(measured, sample, "constructionInRuntime.scoped", construction(scopedTimed, event));
                record(measured, sample, "constructionInRuntime.trivial", construction(trivialTimed, event));
            }
            for (Map.Entry<String, List<Double>> entry : measured.entrySet()) {
                Samples.append(results, entry.getKey(), "ms", entry.getValue());
            }
        } finally {
            deleteRecursively(root);
        }
    }

    /**
     * {@code BENCHMARK_JAVA_TOOL_OPTIONS} from this JVM's environment becomes the functions'
     * {@code JAVA_TOOL_OPTIONS}, for profiling a run (class loading, JFR); unset for measurements.
     */
    private static Map<String, String> profiling() {
        String options = System.getenv("BENCHMARK_JAVA_TOOL_OPTIONS");
        return options == null ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", options);
    }

    private static void record(Map<String, List<Double>> measured, int sample, String name, Duration value) {
        if (sample >= 0) {
            measured.computeIfAbsent(name, key -> new ArrayList<>()).add(value.toNanos() / 1e6);
        }
    }

    /**
     * The event is queued before the runtime starts, so the first response ends the cold start.
     *
     * @return the time to the first request for an event (the end of init) and to the first response
     */
    private static Duration[] coldStart(LambdaFunction function, String event) throws IOException {
        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            return coldStart(lambda, event);
        }
    }

    private static Duration[] coldStart(LambdaProcess lambda, String event) {
        answer(lambda, event);
        return new Duration[] {
            lambda.timeToFirstNext().orElseThrow(), lambda.timeToFirstResponse().orElseThrow()
        };
    }

    private static Duration[] coldStartNode(Path scripts, String event) throws IOException {
        try (LambdaProcess lambda = LambdaProcess.start(Duration.ofSeconds(5), (runtimeApi, workDirectory) -> {
            ProcessBuilder builder = new ProcessBuilder(
                            "node", scripts.resolve("runtime-client.js").toString())
                    .directory(workDirectory.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv("PATH"));
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
            return builder;
        })) {
            return coldStart(lambda, event);
        }
    }

    /** {@return the time to the first request for an event after the hooks, and the first event's round trip} */
    private static Duration[] restoreThenFirstEvent(LambdaFunction function, String event) throws IOException {
        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            lambda.awaitReady();
            Duration ready = lambda.timeToFirstNext().orElseThrow();
            long start = System.nanoTime();
            answer(lambda, event);
            return new Duration[] {ready, Duration.ofNanos(System.nanoTime() - start)};
        }
    }

    private static RuntimeApiServer.InvocationResult answer(LambdaProcess lambda, String event) {
        RuntimeApiServer.InvocationResult result = lambda.invoke(event);
        if (result.errorType() != null) {
            throw new IllegalStateException("the function failed: " + result + "\n" + lambda.diagnostics());
        }
        return result;
    }

    /** {@return the timed handler's construction inside the runtime, as {@link InitTimingHandler} reports it} */
    private static Duration construction(LambdaFunction function, String event) throws IOException {
        try (LambdaProcess lambda = LambdaProcess.start(function)) {
            String body = answer(lambda, event).body();
            Matcher reported = Pattern.compile(Pattern.quote(InitTimingHandler.PREFIX) + "(\\d+)")
                    .matcher(body);
            if (!reported.find()) {
                throw new IllegalStateException("no construction time in the answer: " + body);
            }
            return Duration.ofNanos(Long.parseLong(reported.group(1)));
        }
    }

    private static Map<String, String> with(Map<String, String> environment, Class<?> timed) {
        Map<String, String> extended = new LinkedHashMap<>(environment);
        extended.put(InitTimingHandler.HANDLER_VARIABLE, timed.getName());
        return extended;
    }

    private static Path scopedCode(Path root, Path lambdaJar) throws IOException {
        Path code = Files.createDirectories(root.resolve("scoped"));
        Files.createDirectories(code.resolve("lib"));
        Files.copy(lambdaJar, code.resolve("lib").resolve(lambdaJar.getFileName()));
        Files.writeString(code.resolve(PolicyFormat.FILE_NAME), recipePolicy().text(), StandardCharsets.UTF_8);
        copyClass(code, InitTimingHandler.class);
        return code;
    }

    /** The same jar for the event classes, and the trivial handler's class at the root. */
    private static Path trivialCode(Path root, Path lambdaJar) throws IOException {
        Path code = Files.createDirectories(root.resolve("trivial"));
        Files.createDirectories(code.resolve("lib"));
        Files.copy(lambdaJar, code.resolve("lib").resolve(lambdaJar.getFileName()));
        copyClass(code, TrivialHandler.class);
        copyClass(code, InitTimingHandler.class);
        return code;
    }

    private static void copyClass(Path code, Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        Path classFile = code.resolve(resource);
        Files.createDirectories(classFile.getParent());
        try (InputStream stream = type.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(stream, classFile);
        }
    }

    private static PolicyFormat.Written recipePolicy() {
        return PolicyFormat.write(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")), List.of());
    }

    private static String clientsVariable() {
        return PolicyFormat.variable(recipePolicy().tie(), List.of());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
