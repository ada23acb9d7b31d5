package io.github.scopedgroupauth.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import io.github.scopedgroupauth.runtime.internal.Metrics;
import io.github.scopedgroupauth.runtime.internal.SnapStartPriming;
import java.util.Map;
import java.util.Objects;

/**
 * The pre token generation trigger (event versions V2_0 and V3_0): adds the OAuth scopes a user's groups
 * entitle them to and suppresses requested managed scopes they are not entitled to.
 *
 * <p>A thin adapter around {@link ScopePolicy}: it reads the event, asks the policy, and writes only
 * {@code claimsAndScopeOverrideDetails.accessTokenGeneration.scopesToAdd} and {@code scopesToSuppress}. It
 * never sets {@code groupOverrideDetails} (an empty one would remove the user's groups from the tokens) and
 * never touches ID token claims. Machine-to-machine events ({@value #CLIENT_CREDENTIALS}) are answered with an
 * empty response: the handler has nothing to decide for a token without a user, so it emits nothing. It is
 * {@link ScopedGroupAuthScopes#apply} on an empty response, the same code a handler of your own calls.
 *
 * <p>It throws on one kind of event only: one whose {@code version} is not {@code 2} or {@code 3}, such as a
 * V1_0 event from a pool whose trigger version drifted. Cognito would not read this handler's answer to it, so
 * nothing would be suppressed; failing the invocation makes Cognito refuse the sign-in instead
 * ({@link UnsupportedEventVersionException}, with an ERROR log line). For any other event, missing parts count
 * as empty, and the decision then fails closed. It never logs the event, user attributes or user name: the
 * decision (client id, groups, scopes) goes to the Lambda logger at DEBUG, and each suppression at WARN.
 *
 * <p>It also writes CloudWatch metrics in namespace {@code ScopedGroupAuth}, as embedded metric format lines on
 * standard output with the function name as dimension: {@code ScopesSuppressed} (the number suppressed in an
 * event, written only when there is one), {@code EventsRefused} and {@code PolicyLoadFailures} (docs/operations.md,
 * "Monitoring").
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
public final class PreTokenGenerationHandler
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

    /** The trigger source of V3_0 machine-to-machine token events, which this handler answers with no change. */
    public static final String CLIENT_CREDENTIALS = "TokenGeneration_ClientCredentials";

    private final ScopedGroupAuthScopes scopes;
    // Held here because the CRaC context keeps only weak references to its resources.
    private final SnapStartPriming priming;

    /**
     * Creates the handler the Lambda runtime uses: reads {@code scoped-group-auth.conf} from the function
     * code and {@code SCOPED_GROUP_AUTH_CLIENTS} from the environment once, and registers SnapStart
     * priming when Lambda initializes the function for a snapshot.
     *
     * @throws InvalidPolicyException if the configuration cannot be read, so the function fails at init with
     *     a message that names the setting
     */
    public PreTokenGenerationHandler() {
        this(Metrics.fromEnvironment(System.getenv(), System.out));
    }

    private PreTokenGenerationHandler(Metrics metrics) {
        this(load(PreTokenGenerationHandler.class.getClassLoader(), System.getenv(), metrics), metrics);
    }

    /**
     * Creates a handler around a given policy, for tests and for custom wiring. Registers SnapStart priming when
     * {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code snap-start}.
     *
     * @param policy the policy to apply; not null
     */
    public PreTokenGenerationHandler(ScopePolicy policy) {
        this(policy, Metrics.fromEnvironment(System.getenv(), System.out));
    }

    PreTokenGenerationHandler(ScopePolicy policy, Metrics metrics) {
        this.scopes = ScopedGroupAuthScopes.of(Objects.requireNonNull(policy, "policy"), metrics);
        this.priming = SnapStartPriming.of(this, policy, PreTokenGenerationHandler.class.getClassLoader());
        priming.registerIfSnapStart(System.getenv(SnapStartPriming.INITIALIZATION_TYPE_VARIABLE));
    }

    /** Loads the policy, counting a failure in {@code PolicyLoadFailures} before the function's init fails. */
    static ScopePolicy load(ClassLoader loader, Map<String, String> environment, Metrics metrics) {
        try {
            return PolicyFile.load(loader, environment);
        } catch (RuntimeException e) {
            metrics.policyLoadFailed();
            throw e;
        }
    }

    /**
     * Applies the policy to one event.
     *
     * @param event the event as Cognito sent it; any part but the version may be missing
     * @param context the Lambda context; may be null
     * @return the same event with its response replaced (empty for client-credentials events)
     * @throws UnsupportedEventVersionException if the event's version is not {@code 2} or {@code 3}
     */
    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        return scopes.applyToEmptyResponse(event, context);
    }
}
