package io.github.scopedgroupauth.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The first-use cost of writing one embedded metric format line in a fresh JVM with Lambda's JIT flags, the
 * runtime's own writer against the {@code aws-embedded-metrics} library: {@link EmfInitProbe} in a child JVM per
 * sample, each in turn, with {@code AWS_LAMBDA_FUNCTION_NAME} set, as in Lambda. The runtime's writers run with only
 * this module's classes and the runtime's jar on the class path, as the function jar holds them; the library with
 * this module's whole class path, which holds it and its dependencies (a longer class path costs it a little
 * more). This is what the first suppression after a cold start pays (docs/performance.md, "Metrics").
 *
 * <p>{@code java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes"
 * io.github.scopedgroupauth.benchmarks.EmfInitBenchmark 20}
 */
public final class EmfInitBenchmark {

    /** The writers, in the order each sample runs them. */
    static final List<String> WRITERS = List.of("scoped", "scoped-json", "library");

    private EmfInitBenchmark() {}

    /**
     * Runs every writer, interleaved, and prints the median, minimum and maximum of each in milliseconds.
     *
     * @param args the number of fresh JVMs per writer
     * @throws IOException if a child fails
     * @throws InterruptedException if interrupted while waiting for a child
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int samples = Integer.parseInt(args[0]);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int sample = 0; sample < samples; sample++) {
            for (String writer : WRITERS) {
                times.computeIfAbsent(writer, key -> new ArrayList<>()).add(probe(writer));
            }
        }
        times.forEach((writer, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            System.out.println(String.format(
                    Locale.ROOT,
                    "emfInit.%s: median %.2f ms, min %.2f ms, max %.2f ms over %d JVMs",
                    writer,
                    sorted.get(sorted.size() / 2),
                    sorted.get(0),
                    sorted.get(sorted.size() - 1),
                    sorted.size()));
        });
    }

    /** This module's classes and the runtime's jar (or classes), from this JVM's class path. */
    private static String runtimeOnly() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("scoped-group-auth-runtime") || entry.endsWith("classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static double probe(String writer) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                writer.startsWith("scoped") ? runtimeOnly() : System.getProperty("java.class.path"),
                EmfInitProbe.class.getName(),
                writer);
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "ScopedGroupAuthFunction");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException("the metric probe for " + writer + " failed: " + output);
        }
        String[] lines = output.split("\n");
        return Double.parseDouble(lines[lines.length - 1]);
    }
}
