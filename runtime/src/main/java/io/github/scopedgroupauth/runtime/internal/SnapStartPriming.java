package io.github.scopedgroupauth.runtime.internal;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs the decision on synthetic events before a SnapStart snapshot is taken, so the classes it needs are
 * loaded and compiled in the snapshot rather than on the first sign-in after restore. Not part of the public
 * API.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">
 *     SnapStart runtime hooks for Java</a>
 */
public final class SnapStartPriming implements Resource {

    /** Enough rounds to load every class on the path and let the JIT see it; a few milliseconds in all. */
    static final int ROUNDS = 200;

    private final Runnable round;

    private SnapStartPriming(Runnable round) {
        this.round = round;
    }

    /**
     * Registers a priming resource with the global CRaC context. Outside SnapStart the registration is
     * harmless and the hook never runs.
     *
     * @param round one round of priming work
     * @return the resource, which the caller must keep referenced
     */
    public static SnapStartPriming register(Runnable round) {
        SnapStartPriming priming = new SnapStartPriming(round);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * A user token event for priming that takes both paths of the decision: a user in the policy's first group
     * (in name order) requests every other managed scope, so the group's scopes are added and the others
     * suppressed. The client is the first granted one, if any. Always the same event for the same policy.
     *
     * @param policy the policy to prime for
     * @return a new event; no personal data
     */
    public static CognitoUserPoolPreTokenGenerationEventV2 syntheticEvent(ScopePolicy policy) {
        List<String> groups =
                policy.groupScopes().keySet().stream().sorted().limit(1).toList();
        String clientId =
                policy.clientGrants().keySet().stream().sorted().findFirst().orElse("priming");
        Set<String> requested = new TreeSet<>(policy.managedScopes());
        requested.removeAll(policy.entitledScopes(clientId, groups));
        requested.add("openid");
        Request request = new Request();
        request.setGroupConfiguration(new GroupConfiguration(groups.toArray(String[]::new), null, null));
        request.setScopes(requested.toArray(String[]::new));
        return CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withTriggerSource("TokenGeneration_HostedAuth")
                .withCallerContext(new CallerContext(null, clientId))
                .withRequest(request)
                .build();
    }

    /**
     * Primes the decision.
     *
     * @param context the CRaC context
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
    }

    /**
     * Nothing to restore: the decision holds no connections or clocks.
     *
     * @param context the CRaC context
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Intentionally empty.
    }
}
