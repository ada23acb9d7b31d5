package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.runtime.PolicyFile;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The init cost of reading the policy: {@link PolicyFile#read} of a generated file of 1,000 and 10,000 groups
 * (see {@link GeneratedPolicy}) with client grants, from bytes in memory as {@link PolicyFile#load} reads them
 * from the function code, but without the class loader's resource lookup. Measured
 * on a warmed-up JVM, so it is a lower bound for the one read at a cold start.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PolicyFileReadBenchmark {

    /** The number of groups in the file; set by JMH. */
    @Param({"1000", "10000"})
    int groups;

    private byte[] file;
    private Map<String, String> environment;

    /** Generates the file once per trial, outside the measurement. */
    @Setup
    public void setUp() {
        file = GeneratedPolicy.file(groups);
        environment = GeneratedPolicy.environment(groups, true);
    }

    /**
     * Decodes, checks the seal of, reads and validates the whole file, and binds the grants.
     *
     * @return the policy
     */
    @Benchmark
    public ScopePolicy readPolicyFile() {
        return PolicyFile.read(file, environment);
    }
}
