package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import java.lang.reflect.InvocationTargetException;

/**
 * Times another handler's construction inside the runtime interface client, where the runtime has already
 * loaded what it needs before it creates a handler: the benchmark's measure of a handler's own init. It
 * creates the handler named by {@value #HANDLER_VARIABLE} through its public no-argument constructor, by
 * reflection as the runtime does, and reports the time in the answer to every event, as the user name
 * {@code construction-ns=N}. For benchmarks only: it overwrites a field of the event.
 */
public final class InitTimingHandler
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

    /** The environment variable that names the class of the handler to time. */
    public static final String HANDLER_VARIABLE = "TIMED_HANDLER_CLASS";
    /** What precedes the construction time, in nanoseconds, in the answer's user name. */
    public static final String PREFIX = "construction-ns=";

    private final RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2>
            handler;
    private final long constructionNanos;

    /**
     * Creates and times the handler named by {@value #HANDLER_VARIABLE}.
     *
     * @throws ReflectiveOperationException if that class cannot be created
     */
    @SuppressWarnings("unchecked")
    public InitTimingHandler() throws ReflectiveOperationException {
        String name = System.getenv(HANDLER_VARIABLE);
        long start = System.nanoTime();
        try {
            handler =
                    (RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2>)
                            Class.forName(name).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the timed handler " + name + " failed to start", e.getCause());
        }
        constructionNanos = System.nanoTime() - start;
    }

    /**
     * Lets the timed handler answer, then reports the construction time in the answer's user name.
     *
     * @param event the event
     * @param context the Lambda context
     * @return the timed handler's answer
     */
    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        CognitoUserPoolPreTokenGenerationEventV2 answer = handler.handleRequest(event, context);
        answer.setUserName(PREFIX + constructionNanos);
        return answer;
    }
}
