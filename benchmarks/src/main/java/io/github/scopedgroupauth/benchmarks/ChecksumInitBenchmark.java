package io.github.scopedgroupauth.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first-use cost of the policy seal's checksum in a fresh JVM with Lambda's JIT flags: {@link ChecksumInitProbe}
 * in a child JVM per sample, {@code java.util.zip.CRC32C} and {@code MessageDigest.getInstance("SHA-256")} in
 * turn, each on the same 2 KB input. This is what reading the policy pays at init for its checksum when no
 * SnapStart snapshot has done it already. It measures the JDK's primitives only, not the runtime's code.
 */
public final class ChecksumInitBenchmark {

    /** The checksums, in the order each sample runs them. */
    static final List<String> CHECKSUMS = List.of("crc32c", "sha256");

    private ChecksumInitBenchmark() {}

    /**
     * Runs every checksum, interleaved, and appends the samples as {@code checksumInit.crc32c} and
     * {@code checksumInit.sha256}.
     *
     * @param args the results file and the number of fresh JVMs per checksum
     * @throws IOException if the file cannot be written or a child fails
     * @throws InterruptedException if interrupted while waiting for a child
     * @throws URISyntaxException if this class's location is not a path
     */
    public static void main(String[] args) throws IOException, InterruptedException, URISyntaxException {
        Path results = Path.of(args[0]);
        int samples = Integer.parseInt(args[1]);
        // Only this module's classes: the probe needs nothing else, and a long class path would only add noise.
        String classes = Path.of(ChecksumInitProbe.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int sample = 0; sample < samples; sample++) {
            for (String checksum : CHECKSUMS) {
                times.computeIfAbsent(checksum, key -> new ArrayList<>()).add(probe(classes, checksum));
            }
        }
        for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
            Samples.append(results, "checksumInit." + entry.getKey(), "ms", entry.getValue());
        }
    }

    private static double probe(String classes, String checksum) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classes,
                ChecksumInitProbe.class.getName(),
                checksum);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException("the checksum probe for " + checksum + " failed: " + output);
        }
        String[] lines = output.split("\n");
        return Double.parseDouble(lines[lines.length - 1].split(" ")[0]);
    }
}
