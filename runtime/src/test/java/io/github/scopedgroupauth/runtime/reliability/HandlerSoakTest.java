package io.github.scopedgroupauth.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import io.github.scopedgroupauth.runtime.reliability.RuntimeRoundTrip.Outcome;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One million invocations of two long-lived handlers in one JVM, as a warm Lambda execution environment
 * would make them, each through the runtime's serializer and checked by {@link RuntimeRoundTrip}. Used heap
 * is measured after full collections at the start, the middle and the end. Runs only with {@code -Psoak}
 * (docs/reliability.md); it prints its numbers and fails only on a broken rule or on heap growth far beyond
 * measurement noise. The profile sets {@code AWS_LAMBDA_FUNCTION_NAME}, so the handlers also write their metric
 * lines, to a stream that counts them.
 */
@Tag("soak")
class HandlerSoakTest {

    private static final int DISTINCT_EVENTS = 4096;
    private static final int WARM_UP = 20_000;
    // A leak of 16 bytes per invocation would pass this bound over a million invocations only just.
    private static final long ALLOWED_GROWTH_BYTES = 16L * 1024 * 1024;

    @Test
    void keepsHeapFlatAndEveryAnswerWithinThePolicy_overAMillionInvocations() {
        // given varied events from a fixed seed, only those the runtime's serializer reads (so that every
        // invocation reaches the handler), and one handler per policy for the whole run
        long invocations = Long.getLong("soak.invocations", 1_000_000L);
        List<RuntimeRoundTrip> roundTrips;
        CountingOutput metricLines = new CountingOutput();
        PrintStream standardOutput = System.out;
        // Each handler takes standard output as it is when it is made.
        System.setOut(new PrintStream(metricLines, false, StandardCharsets.US_ASCII));
        try {
            roundTrips = List.of(new RuntimeRoundTrip(FuzzPolicy.OPEN), new RuntimeRoundTrip(FuzzPolicy.GRANTED));
        } finally {
            System.setOut(standardOutput);
        }
        CountingLogger logger = new CountingLogger();
        Context context = new LoggerContext(logger);
        EventGenerator generator = new EventGenerator(Choices.seeded(20261127L));
        List<byte[]> events = new ArrayList<>();
        while (events.size() < DISTINCT_EVENTS) {
            byte[] event = generator.event();
            if (roundTrips.get(0).invoke(event, context) != Outcome.UNREADABLE_BY_RUNTIME) {
                events.add(event);
            }
        }
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        run(WARM_UP, events, roundTrips, context, new EnumMap<>(Outcome.class));

        // when
        long started = System.nanoTime();
        Heap start = Heap.afterFullCollection();
        run(invocations / 2, events, roundTrips, context, outcomes);
        Heap middle = Heap.afterFullCollection();
        run(invocations - invocations / 2, events, roundTrips, context, outcomes);
        Heap end = Heap.afterFullCollection();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        // then
        System.out.printf(
                "HandlerSoakTest: %d invocations in %d s (%d distinct events, %d log lines, %d metric lines);"
                        + " outcomes %s;"
                        + " used heap after full GC: start %s, middle %s, end %s; growth start->end %+d bytes,"
                        + " middle->end %+d bytes%n",
                invocations,
                seconds,
                DISTINCT_EVENTS,
                logger.lines(),
                metricLines.lines(),
                outcomes,
                start,
                middle,
                end,
                end.usedBytes - start.usedBytes,
                end.usedBytes - middle.usedBytes);
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(invocations);
        assertThat(outcomes)
                .containsKeys(Outcome.DECIDED, Outcome.VERSION_REFUSED, Outcome.MACHINE_TOKEN)
                .doesNotContainKey(Outcome.UNREADABLE_BY_RUNTIME);
        assertThat(metricLines.lines()).as("metric lines").isPositive();
        assertThat(end.usedBytes - start.usedBytes).isLessThan(ALLOWED_GROWTH_BYTES);
    }

    private static void run(
            long count,
            List<byte[]> events,
            List<RuntimeRoundTrip> roundTrips,
            Context context,
            Map<Outcome, Long> outcomes) {
        for (long i = 0; i < count; i++) {
            byte[] event = events.get((int) (i % events.size()));
            RuntimeRoundTrip roundTrip = roundTrips.get((int) (i / events.size() % roundTrips.size()));
            // Every answer is checked, not a sample: the check throws on any broken rule.
            outcomes.merge(roundTrip.invoke(event, context), 1L, Long::sum);
        }
    }

    /** Used heap right after asking for full collections, with how many collections actually ran. */
    private record Heap(long usedBytes, long collections) {

        static Heap afterFullCollection() {
            long before = collectionCount();
            // System.gc() is only a request; with the default G1 settings HotSpot runs a full collection for it.
            // The collection count shows whether it did.
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Heap(used, collectionCount() - before);
        }

        private static long collectionCount() {
            long count = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, collector.getCollectionCount());
            }
            return count;
        }

        @Override
        public String toString() {
            return usedBytes + " bytes (" + collections + " collections)";
        }
    }
}
