package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.runtime.ScopeDecision;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.List;
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
 * The cost of one {@link ScopePolicy#decide} call as the policy grows: a user in 3 groups requests 3 managed
 * scopes, one of which is suppressed, against policies of 10, 1,000 and 10,000 groups (see
 * {@link GeneratedPolicy}), with and without client grants. The requirement is that per-event work does not
 * grow with the size of the group map beyond the user's own groups, so the time should stay flat.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ScopePolicyDecideBenchmark {

    /** The number of groups in the policy; set by JMH. */
    @Param({"10", "1000", "10000"})
    int groups;

    /** Whether app clients are granted, so the decision also filters by the client's grant; set by JMH. */
    @Param({"true", "false"})
    boolean clientGrants;

    private ScopePolicy policy;
    private String clientId;
    private List<String> userGroups;
    private List<String> requestedScopes;

    /** Builds the policy and the user's inputs once per trial, outside the measurement. */
    @Setup
    public void setUp() {
        policy = GeneratedPolicy.policy(groups, clientGrants);
        clientId = new String(GeneratedPolicy.CLIENT_ID.toCharArray());
        userGroups = GeneratedPolicy.userGroups(groups);
        requestedScopes = GeneratedPolicy.requestedScopes(groups);
        GeneratedPolicy.checkDecision(decideForUserInThreeGroups());
    }

    /**
     * One decision; returned so that JMH consumes it.
     *
     * @return the decision
     */
    @Benchmark
    public ScopeDecision decideForUserInThreeGroups() {
        return policy.decide(clientId, userGroups, requestedScopes);
    }
}
