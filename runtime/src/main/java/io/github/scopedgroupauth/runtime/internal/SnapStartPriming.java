package io.github.scopedgroupauth.runtime.internal;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs the whole invocation path on synthetic events before a SnapStart snapshot is taken, so the classes it needs
 * are loaded and compiled in the snapshot rather than on the first sign-in after restore: the Lambda runtime's
 * JSON serializer reading the event, the handler with its decision and log formatting, and the serializer writing
 * the response. The serializer is the runtime's own copy ({@link RuntimeSerializer}); where it is absent, as
 * outside Lambda, only the handler is primed. Not part of the public API.
 *
 * <p>The hook is registered only when Lambda initializes the function for a snapshot
 * ({@value #INITIALIZATION_TYPE_VARIABLE} is {@value #SNAP_START}): registering loads the CRaC classes and the
 * runtime's hook adapter, which costs an on-demand cold start milliseconds for a hook that never runs.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">
 *     SnapStart runtime hooks for Java</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html">Defined runtime
 *     environment variables</a>
 */
public final class SnapStartPriming implements Resource {

    /** Set by Lambda to how it initializes the function: {@code on-demand}, {@code snap-start} and others. */
    public static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    /** The initialization type of a SnapStart snapshot. */
    public static final String SNAP_START = "snap-start";
    /** Enough rounds to load every class on the path and run each of its methods many times; a few milliseconds in all. */
    static final int ROUNDS = 200;

    private final RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2>
            handler;
    private final ScopePolicy policy;
    private final ClassLoader loader;

    private SnapStartPriming(
            RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> handler,
            ScopePolicy policy,
            ClassLoader loader) {
        this.handler = handler;
        this.policy = policy;
        this.loader = loader;
    }

    /**
     * Prepares priming for a handler; nothing is registered yet.
     *
     * @param handler the handler to prime, called with a context whose logger writes nothing
     * @param policy its policy, from which the synthetic event is made
     * @param loader the loader that sees the function's classes and, in Lambda, the runtime's
     * @return the priming
     */
    public static SnapStartPriming of(
            RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> handler,
            ScopePolicy policy,
            ClassLoader loader) {
        return new SnapStartPriming(handler, policy, loader);
    }

    /**
     * Registers this priming with the global CRaC context if Lambda initializes the function for a SnapStart
     * snapshot. The CRaC context keeps only a weak reference: the caller must keep this object referenced.
     *
     * @param initializationType the value of {@value #INITIALIZATION_TYPE_VARIABLE}; may be null
     * @return whether it was registered
     */
    public boolean registerIfSnapStart(String initializationType) {
        if (!SNAP_START.equals(initializationType)) {
            return false;
        }
        Core.getGlobalContext().register(this);
        return true;
    }

    /**
     * A user token event for priming that takes both paths of the decision: a user in the policy's first group
     * (in name order) requests every other managed scope, so the group's scopes are added and the others
     * suppressed. The client is the first granted one, if any. Always the same event for the same policy.
     *
     * @param policy the policy to prime for
     * @return a new event; no personal data
     */
    static CognitoUserPoolPreTokenGenerationEventV2 syntheticEvent(ScopePolicy policy) {
        String[] names = policy.groupScopes().keySet().toArray(new String[0]);
        Arrays.sort(names);
        List<String> groups = names.length == 0 ? List.of() : List.of(names[0]);
        String[] clients = policy.clientGrants().keySet().toArray(new String[0]);
        Arrays.sort(clients);
        String clientId = clients.length == 0 ? "priming" : clients[0];
        Set<String> requested = new TreeSet<>(policy.managedScopes());
        requested.removeAll(policy.entitledScopes(clientId, groups));
        requested.add("openid");
        Request request = new Request();
        request.setGroupConfiguration(new GroupConfiguration(groups.toArray(new String[0]), null, null));
        request.setScopes(requested.toArray(new String[0]));
        return CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withTriggerSource("TokenGeneration_HostedAuth")
                .withCallerContext(new CallerContext(null, clientId))
                .withRequest(request)
                .build();
    }

    /**
     * Primes the whole path.
     *
     * @param context the CRaC context
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
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

    /**
     * Runs {@value #ROUNDS} rounds: through the runtime's serializer when it is there, otherwise the handler
     * alone. A serializer that fails is given up for the handler alone, so priming never fails a snapshot over it.
     *
     * @return whether the rounds went through the runtime's serializer
     */
    boolean prime() {
        // The handler writes no metric for priming's synthetic events; formatting one line loads what the first
        // real suppression after a restore would otherwise load (java.time's formatter above all).
        EmfLine.of(0, "WARN", Metrics.NAMESPACE, "priming", Metrics.SCOPES_SUPPRESSED, 1);
        Optional<RuntimeSerializer> serializer =
                RuntimeSerializer.find(loader, CognitoUserPoolPreTokenGenerationEventV2.class);
        if (serializer.isPresent() && primeThrough(serializer.get())) {
            return true;
        }
        for (int i = 0; i < ROUNDS; i++) {
            handler.handleRequest(syntheticEvent(policy), LoggerContext.silent());
        }
        return false;
    }

    private boolean primeThrough(RuntimeSerializer serializer) {
        try {
            byte[] event = serializer.toJson(syntheticEvent(policy));
            for (int i = 0; i < ROUNDS; i++) {
                CognitoUserPoolPreTokenGenerationEventV2 read =
                        (CognitoUserPoolPreTokenGenerationEventV2) serializer.fromJson(event);
                serializer.toJson(handler.handleRequest(read, LoggerContext.silent()));
            }
            return true;
        } catch (ReflectiveOperationException | ClassCastException e) {
            return false;
        }
    }
}
