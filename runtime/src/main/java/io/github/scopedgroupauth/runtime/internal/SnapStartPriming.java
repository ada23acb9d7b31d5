package io.github.scopedgroupauth.runtime.internal;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.ArrayList;
import java.util.List;
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
     * A user token event for priming: the first few groups of the policy, requesting its managed scopes.
     *
     * @param policy the policy to prime for
     * @return a new event; no personal data
     */
    public static CognitoUserPoolPreTokenGenerationEventV2 syntheticEvent(ScopePolicy policy) {
        List<String> groups = new ArrayList<>(policy.groupScopes().keySet());
        Request request = new Request();
        request.setGroupConfiguration(new GroupConfiguration(
                groups.subList(0, Math.min(3, groups.size())).toArray(String[]::new), null, null));
        List<String> scopes = new ArrayList<>(policy.managedScopes());
        scopes.add("openid");
        request.setScopes(scopes.toArray(String[]::new));
        String clientId = policy.clientGrants().keySet().stream().findFirst().orElse("priming");
        return CognitoUserPoolPreTokenGenerationEventV2.builder()
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
