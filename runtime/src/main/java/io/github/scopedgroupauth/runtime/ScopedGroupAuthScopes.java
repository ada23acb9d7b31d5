package io.github.scopedgroupauth.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.scopedgroupauth.runtime.internal.DecisionLog;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import io.github.scopedgroupauth.runtime.internal.Metrics;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import io.github.scopedgroupauth.runtime.policy.Printable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ScopedGroupAuth scope decision for a pre token generation handler of your own: your code adds claims and
 * unmanaged scopes to the response, then {@link #apply} gives the policy the last word on managed scopes.
 *
 * <pre>{@code
 * public final class TenantTrigger implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2,
 *         CognitoUserPoolPreTokenGenerationEventV2> {
 *     private final ScopedGroupAuthScopes scopes = ScopedGroupAuthScopes.load();
 *
 *     public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
 *             CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
 *         // ... write claims into event.getResponse() ...
 *         return scopes.apply(event, context);
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #apply} keeps every claim, claim suppression, scope suppression and group override the code wrote,
 * keeps an added scope only if the policy does not manage it or entitles this user on this client, adds the
 * managed scopes the user is entitled to, and suppresses requested managed scopes the user is not entitled to.
 * It decides on the request's groups ({@code request.groupConfiguration.groupsToOverride}), never on a group
 * override in the response, and it removes the claims {@code scope}, {@code client_id}, {@code aud} and
 * {@code token_use} from both tokens' claims to add or override. For client-credentials events it adds and
 * suppresses nothing, as the embedded handler, and drops every managed scope the code added. The embedded
 * {@link PreTokenGenerationHandler} is this class applied to an empty response.
 *
 * <p>Like the embedded handler, it writes the CloudWatch metrics {@code ScopesSuppressed}, {@code EventsRefused}
 * and {@code PolicyLoadFailures} (namespace {@code ScopedGroupAuth}, dimension {@code FunctionName}) as embedded
 * metric format lines on standard output when it runs in Lambda (docs/operations.md, "Monitoring").
 *
 * <p>It decides on the request as {@code apply} finds it: write only into the response, never into
 * {@code event.getRequest()}. Instances are immutable and safe to share between threads.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
public final class ScopedGroupAuthScopes {

    /** Where Lambda extracts layers. */
    public static final String LAYER_ROOT = "/opt";
    /** The policy file's path inside the layer that the construct attaches to a {@code triggerFunction}. */
    public static final String LAYER_FILE = "scoped-group-auth/" + PolicyFormat.FILE_NAME;
    /**
     * Replaces {@value #LAYER_ROOT} as the directory the layer is read from, for local runs of a function; the
     * construct refuses a {@code triggerFunction} that sets it.
     */
    public static final String LAYER_ROOT_VARIABLE = "SCOPED_GROUP_AUTH_LAYER_ROOT";

    private final ScopePolicy policy;
    private final Metrics metrics;
    // Formatting the DEBUG line is skipped when Lambda would drop it anyway, as at the default WARN level.
    private final boolean debugLogged = DecisionLog.debugLogged(System.getenv(DecisionLog.LOG_LEVEL_VARIABLE));

    private ScopedGroupAuthScopes(ScopePolicy policy, Metrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Loads the policy as the function's runtime finds it: the file {@value #LAYER_FILE} under
     * {@value #LAYER_ROOT} (the layer ScopedGroupAuth attaches), else {@code scoped-group-auth.conf} on the
     * classpath, and the grant variable {@code SCOPED_GROUP_AUTH_CLIENTS}. Call it once, when the handler is
     * created, so that a broken policy fails the function's init.
     *
     * @return the decision
     * @throws InvalidPolicyException if the file is missing, anything in it or the variable is malformed, or the
     *     variable was written for another file; {@code PolicyLoadFailures} counts it first
     */
    public static ScopedGroupAuthScopes load() {
        return load(System.getenv());
    }

    /**
     * Loads the policy as {@link #load()} does, with the given environment instead of the process's.
     *
     * @param environment variables; {@code SCOPED_GROUP_AUTH_CLIENTS} and {@value #LAYER_ROOT_VARIABLE} are read
     * @return the decision
     * @throws InvalidPolicyException as {@link #load()}
     */
    public static ScopedGroupAuthScopes load(Map<String, String> environment) {
        return load(environment, System.out);
    }

    static ScopedGroupAuthScopes load(Map<String, String> environment, PrintStream out) {
        Objects.requireNonNull(environment, "environment");
        Metrics metrics = Metrics.fromEnvironment(environment, out);
        try {
            return new ScopedGroupAuthScopes(read(environment), metrics);
        } catch (RuntimeException e) {
            metrics.policyLoadFailed();
            throw e;
        }
    }

    private static ScopePolicy read(Map<String, String> environment) {
        Path file = Path.of(environment.getOrDefault(LAYER_ROOT_VARIABLE, LAYER_ROOT), LAYER_FILE);
        if (!Files.isRegularFile(file)) {
            return fromClasspath(environment, file);
        }
        try {
            return PolicyFile.read(Files.readAllBytes(file), environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static ScopePolicy fromClasspath(Map<String, String> environment, Path layerFile) {
        ClassLoader loader = ScopedGroupAuthScopes.class.getClassLoader();
        if (loader.getResource(PolicyFormat.FILE_NAME) == null) {
            throw new InvalidPolicyException("the ScopedGroupAuth policy is neither at " + layerFile + " nor on the"
                    + " classpath as " + PolicyFormat.FILE_NAME + "; give the function to ScopedGroupAuth as its"
                    + " `triggerFunction`, which attaches the policy as a layer, or package the file at the root of"
                    + " the function code");
        }
        return PolicyFile.load(loader, environment);
    }

    /**
     * Applies a given policy, for offline tests of a handler and for policies built in code.
     *
     * @param policy the policy; not null
     * @return the decision
     */
    public static ScopedGroupAuthScopes of(ScopePolicy policy) {
        return of(policy, Metrics.fromEnvironment(System.getenv(), System.out));
    }

    static ScopedGroupAuthScopes of(ScopePolicy policy, Metrics metrics) {
        return new ScopedGroupAuthScopes(policy, metrics);
    }

    /**
     * The policy applied.
     *
     * @return the policy
     */
    public ScopePolicy policy() {
        return policy;
    }

    /**
     * Applies the policy to the event's response, keeping what the handler's code wrote there as described on
     * this class. Calling it again on the same event changes nothing more.
     *
     * @param event the event, with the response the handler's code wrote (or none); any part but the version may
     *     be missing
     * @param context the Lambda context; may be null
     * @return the same event, or null for a null event
     * @throws UnsupportedEventVersionException if the event's version is not {@code 2} or {@code 3}: Cognito would
     *     not read the scopes of the response, so the sign-in is refused instead
     */
    public CognitoUserPoolPreTokenGenerationEventV2 apply(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        return apply(event, context, false);
    }

    /**
     * Applies the policy to an empty response, whatever response the event came with: the embedded handler.
     *
     * @param event the event as Cognito sent it
     * @param context the Lambda context; may be null
     * @return the same event, or null for a null event
     */
    CognitoUserPoolPreTokenGenerationEventV2 applyToEmptyResponse(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        return apply(event, context, true);
    }

    private CognitoUserPoolPreTokenGenerationEventV2 apply(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context, boolean emptyResponse) {
        if (event == null) {
            return null;
        }
        LambdaLogger logger = context == null ? null : context.getLogger();
        checkVersion(event, logger);
        if (emptyResponse || event.getResponse() == null) {
            event.setResponse(new Response());
        }
        String clientId = event.getCallerContext() == null
                ? null
                : event.getCallerContext().getClientId();
        if (PreTokenGenerationHandler.CLIENT_CREDENTIALS.equals(event.getTriggerSource())) {
            // Machine tokens: the policy adds and suppresses nothing, and no code may add a managed scope. The
            // decision is made here, not held in a constant: ScopeDecision loads at the first event, or in SnapStart
            // priming, not at every init.
            ScopeDecision none = new ScopeDecision(List.of(), List.of(), List.of());
            ScopeResponse.Removed removed =
                    ScopeResponse.merge(event.getResponse(), policy.managedScopes(), Set.of(), none);
            logRemoved(logger, clientId, removed);
            return event;
        }
        List<String> groups = groupsOf(event.getRequest());
        ScopeDecision decision = policy.decide(clientId, groups, scopesOf(event.getRequest()));
        ScopeResponse.Removed removed = ScopeResponse.merge(
                event.getResponse(), policy.managedScopes(), policy.entitledScopes(clientId, groups), decision);
        // SnapStart priming's synthetic events, with their silent context, are no sign-ins: nothing to count.
        if (context != LoggerContext.silent()) {
            metrics.scopesSuppressed(decision.scopesToSuppress().size());
        }
        if (logger != null) {
            log(logger, event.getTriggerSource(), clientId, groups, decision);
            logRemoved(logger, clientId, removed);
        }
        return event;
    }

    /**
     * Fails closed on an event version whose response Cognito would not read from
     * {@code claimsAndScopeOverrideDetails}: only 2 and 3 are read. The log line has no user data.
     */
    private void checkVersion(CognitoUserPoolPreTokenGenerationEventV2 event, LambdaLogger logger) {
        String version = event.getVersion();
        if ("2".equals(version) || "3".equals(version)) {
            return;
        }
        String message = "pre token generation event version '" + Printable.excerpt(version) + "' is not"
                + " supported, so this sign-in is refused: Cognito reads scope changes only from V2_0 and V3_0"
                + " responses, and answering would leave unentitled scopes in the access token. Set the user"
                + " pool's pre token generation trigger back to event version V2_0 or V3_0, as ScopedGroupAuth"
                + " defines it (a deployment that changes nothing does not undo such a change)";
        if (logger != null) {
            logger.log(message, LogLevel.ERROR);
        }
        metrics.eventRefused();
        throw new UnsupportedEventVersionException(message);
    }

    private static List<String> groupsOf(Request request) {
        return request == null || request.getGroupConfiguration() == null
                ? null
                : listOf(request.getGroupConfiguration().getGroupsToOverride());
    }

    private static List<String> scopesOf(Request request) {
        return request == null ? null : listOf(request.getScopes());
    }

    private static List<String> listOf(String[] values) {
        return values == null ? null : Arrays.asList(values);
    }

    private void log(
            LambdaLogger logger, String triggerSource, String clientId, List<String> groups, ScopeDecision decision) {
        boolean suppressed = !decision.scopesToSuppress().isEmpty();
        if (!debugLogged && !suppressed) {
            return;
        }
        DecisionLog line = new DecisionLog(
                triggerSource,
                clientId,
                groups == null ? List.of() : groups,
                decision.scopesToAdd(),
                decision.scopesToSuppress());
        if (debugLogged) {
            logger.log(line.decision(), LogLevel.DEBUG);
        }
        if (suppressed) {
            logger.log(line.suppression(), LogLevel.WARN);
        }
    }

    /** One WARN line when the handler's own code wrote something the policy does not allow: a bug to fix there. */
    private static void logRemoved(LambdaLogger logger, String clientId, ScopeResponse.Removed removed) {
        if (logger == null || removed.isEmpty()) {
            return;
        }
        logger.log(DecisionLog.removal(clientId, removed.droppedScopes(), removed.removedClaims()), LogLevel.WARN);
    }
}
