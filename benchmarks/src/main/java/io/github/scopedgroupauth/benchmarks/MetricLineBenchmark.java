package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.runtime.internal.Metrics;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one metric line costs an event with a suppression, warm: the runtime's {@link Metrics} writing
 * {@code ScopesSuppressed}. {@code memory} writes into a stream that discards the bytes, so the time is formatting
 * and encoding the line; {@code dev-null} also makes the {@code write} system call, as standard output does in
 * Lambda (a pipe there, which costs about as much per small write). Compare with {@link SignInHandlerBenchmark},
 * the handler's own time per event (docs/performance.md, "Metrics").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class MetricLineBenchmark {

    /** {@code memory} or {@code dev-null}; set by JMH. */
    @Param({"memory", "dev-null"})
    String sink;

    private PrintStream out;
    private Metrics metrics;

    /**
     * Opens the sink.
     *
     * @throws FileNotFoundException if {@code /dev/null} cannot be opened
     */
    @Setup
    public void setUp() throws FileNotFoundException {
        OutputStream target =
                "memory".equals(sink) ? OutputStream.nullOutputStream() : new FileOutputStream("/dev/null");
        out = new PrintStream(target, false);
        metrics = Metrics.of("ScopedGroupAuthFunction", out, System::currentTimeMillis);
    }

    /** Closes the sink. */
    @TearDown
    public void tearDown() {
        out.close();
    }

    /** One line, as for an event with one suppressed scope. */
    @Benchmark
    public void scopesSuppressed() {
        metrics.scopesSuppressed(1);
    }
}
