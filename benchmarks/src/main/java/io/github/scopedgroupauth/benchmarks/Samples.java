package io.github.scopedgroupauth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Appends one measured quantity to a results file, one JSON object a line, which {@code benchmarks/node/report.js}
 * turns into the tables of {@code docs/performance.md}. The drivers write raw samples; the report computes
 * medians and spread.
 */
public final class Samples {

    private Samples() {}

    /**
     * Appends one line.
     *
     * @param file the results file; created if missing
     * @param name what was measured, a key the report knows
     * @param unit the samples' unit, such as {@code ms}
     * @param samples the measurements, in the order taken
     * @throws IOException if the file cannot be written
     */
    public static void append(Path file, String name, String unit, List<Double> samples) throws IOException {
        String values = samples.stream()
                .map(value -> String.format(Locale.ROOT, "%.4f", value))
                .collect(Collectors.joining(","));
        String line = "{\"name\":\"" + name + "\",\"unit\":\"" + unit + "\",\"samples\":[" + values + "]}\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
