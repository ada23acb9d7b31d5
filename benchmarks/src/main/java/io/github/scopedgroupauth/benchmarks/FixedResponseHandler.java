package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;

/**
 * A second baseline: answers every event with the response this project's handler gives the benchmark's event
 * (add {@code everyone/*}), built anew for each event as any handler that answers must build it, without deciding
 * anything. The difference to the {@link TrivialHandler} is what building and serializing an answer costs, and
 * the difference to this project's handler is what deciding costs.
 */
public final class FixedResponseHandler
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

    /** Creates the handler; there is nothing to set up. */
    public FixedResponseHandler() {
        // Intentionally empty.
    }

    /**
     * Sets a new response that adds {@code everyone/*}.
     *
     * @param event the event
     * @param context the Lambda context; not read
     * @return the same event with the new response
     */
    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        AccessTokenGeneration accessToken = new AccessTokenGeneration();
        accessToken.setScopesToAdd(new String[] {"everyone/*"});
        ClaimsAndScopeOverrideDetails details = new ClaimsAndScopeOverrideDetails();
        details.setAccessTokenGeneration(accessToken);
        Response response = new Response();
        response.setClaimsAndScopeOverrideDetails(details);
        event.setResponse(response);
        return event;
    }
}
