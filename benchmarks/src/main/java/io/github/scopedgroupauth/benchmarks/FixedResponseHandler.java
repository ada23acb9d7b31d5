package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;

/**
 * A second baseline: answers every event with the same prebuilt response, the one this project's handler gives
 * the benchmark's event (add {@code everyone/*}). It decides nothing, so the difference to the
 * {@link TrivialHandler} is what serializing a response costs, and the difference to this project's handler is
 * what deciding costs.
 */
public final class FixedResponseHandler
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

    private final Response response;

    /** Builds the response once. */
    public FixedResponseHandler() {
        AccessTokenGeneration accessToken = new AccessTokenGeneration();
        accessToken.setScopesToAdd(new String[] {"everyone/*"});
        ClaimsAndScopeOverrideDetails details = new ClaimsAndScopeOverrideDetails();
        details.setAccessTokenGeneration(accessToken);
        response = new Response();
        response.setClaimsAndScopeOverrideDetails(details);
    }

    /**
     * Sets the prebuilt response.
     *
     * @param event the event
     * @param context the Lambda context; not read
     * @return the same event with the prebuilt response
     */
    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        event.setResponse(response);
        return event;
    }
}
