package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;

/**
 * The baseline of the benchmarks: a handler of the same event class that returns the event unchanged, so
 * everything it costs is the Lambda runtime's (JSON in and out) and the JVM's.
 */
public final class TrivialHandler
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

    /** Creates the handler; there is nothing to set up. */
    public TrivialHandler() {
        // Intentionally empty.
    }

    /**
     * Returns the event as it came.
     *
     * @param event the event
     * @param context the Lambda context; not read
     * @return the same event
     */
    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        return event;
    }
}
