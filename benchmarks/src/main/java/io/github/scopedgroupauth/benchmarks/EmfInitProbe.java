package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.runtime.internal.Metrics;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * One fresh JVM's first metric line, started by {@link EmfInitBenchmark}: {@code scoped} writes it with the
 * runtime's own {@link Metrics}; {@code scoped-json} does the same after setting up the date formatter, untimed, as
 * the runtime interface client's JSON logger does at its start (its {@code JsonLogFormatter}); {@code library} with the maintained {@code aws-embedded-metrics} library
 * ({@link MetricsLogger}, namespace and the one dimension set as the function sets them). Both write the same
 * count to standard output; the time is from the first use to the line written, so it holds class loading and,
 * for the library, its environment detection and Jackson's set-up. Prints the time in milliseconds last.
 */
public final class EmfInitProbe {

    private EmfInitProbe() {}

    /**
     * Runs the probe.
     *
     * @param args {@code scoped}, {@code scoped-json} or {@code library}
     */
    public static void main(String[] args) {
        if ("scoped-json".equals(args[0])) {
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneId.of("UTC"));
        }
        long start = System.nanoTime();
        if (args[0].startsWith("scoped")) {
            Metrics.of("ScopedGroupAuthFunction", System.out, System::currentTimeMillis)
                    .scopesSuppressed(1);
        } else {
            MetricsLogger logger = new MetricsLogger();
            logger.setNamespace(Metrics.NAMESPACE);
            logger.setDimensions(DimensionSet.of(Metrics.FUNCTION_NAME_DIMENSION, "ScopedGroupAuthFunction"));
            logger.putMetric(Metrics.SCOPES_SUPPRESSED, 1, Unit.COUNT);
            logger.flush();
        }
        long end = System.nanoTime();
        System.out.println(String.format(Locale.ROOT, "%.4f", (end - start) / 1e6));
    }
}
