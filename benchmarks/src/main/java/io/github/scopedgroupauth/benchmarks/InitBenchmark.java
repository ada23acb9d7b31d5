package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Init in a fresh JVM with Lambda's JIT flags, single shot: {@link InitProbe} in a child JVM per sample, for the
 * trivial handler and for this project's handler with policy files of 2 (the recipe's), 10, 1,000 and 10,000
 * groups. Records the handler's construction time and the first event through the serializer.
 */
public final class InitBenchmark {

    private InitBenchmark() {}

    /**
     * Runs every configuration, interleaved, and appends the samples.
     *
     * @param args the results file and the number of samples per configuration
     * @throws IOException if a file cannot be written or a child fails
     * @throws InterruptedException if interrupted while waiting for a child
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path results = Path.of(args[0]);
        int samples = Integer.parseInt(args[1]);
        List<String> names = List.of("trivial", "2", "10", "1000", "10000");
        Map<String, List<Double>> init = new LinkedHashMap<>();
        Map<String, List<Double>> first = new LinkedHashMap<>();
        Path root = Files.createTempDirectory("init-benchmark-");
        Map<String, Path> directories = new HashMap<>();
        Map<String, String> variables = new HashMap<>();
        for (String name : names) {
            Path directory = Files.createDirectory(root.resolve(name));
            directories.put(name, directory);
            init.put(name, new ArrayList<>());
            first.put(name, new ArrayList<>());
            if (name.equals("trivial")) {
                continue;
            }
            PolicyFormat.Written written = name.equals("2")
                    ? PolicyFormat.write(
                            Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")), List.of())
                    : GeneratedPolicy.written(Integer.parseInt(name));
            Files.writeString(directory.resolve(PolicyFormat.FILE_NAME), written.text(), StandardCharsets.UTF_8);
            variables.put(name, PolicyFormat.variable(written.tie(), List.of()));
        }
        try {
            for (int sample = 0; sample < samples; sample++) {
                for (String name : names) {
                    String[] times = probe(directories.get(name), variables.get(name), name.equals("trivial"));
                    init.get(name).add(Double.parseDouble(times[0]));
                    first.get(name).add(Double.parseDouble(times[1]));
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        for (String name : names) {
            Samples.append(results, "init." + name, "ms", init.get(name));
            Samples.append(results, "initFirstEvent." + name, "ms", first.get(name));
        }
    }

    private static String[] probe(Path directory, String variable, boolean trivial)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                directory + File.pathSeparator + System.getProperty("java.class.path"),
                InitProbe.class.getName(),
                trivial ? "trivial" : "scoped");
        builder.environment().keySet().removeIf(key -> key.startsWith("AWS_") || key.startsWith("SCOPED_GROUP_AUTH"));
        builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        builder.environment().put("AWS_LAMBDA_LOG_LEVEL", "WARN");
        if (variable != null) {
            builder.environment().put(PolicyFormat.CLIENTS_VARIABLE, variable);
        }
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException("the init probe failed: " + output);
        }
        String[] lines = output.split("\n");
        return lines[lines.length - 1].split(" ");
    }
}
