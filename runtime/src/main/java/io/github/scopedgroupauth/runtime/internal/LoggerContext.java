package io.github.scopedgroupauth.runtime.internal;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A Lambda {@link Context} that carries only a logger, the one part of the context the handler reads. The rest
 * belongs to no invocation: no names, identity or client context, and no deadline. SnapStart priming runs with
 * {@link #silent()}; tests and benchmarks pass their own logger. Not part of the public API.
 */
public final class LoggerContext implements Context {

    private static final LoggerContext SILENT = new LoggerContext(new Discarding());

    private final LambdaLogger logger;

    /**
     * Creates a context around a logger.
     *
     * @param logger the logger to hand out; may be null, as the handler must cope with a context without one
     */
    public LoggerContext(LambdaLogger logger) {
        this.logger = logger;
    }

    /**
     * The context of priming runs: its logger discards every line, so priming loads the logging path without
     * writing synthetic decisions to the function's logs.
     *
     * @return the shared instance
     */
    public static LoggerContext silent() {
        return SILENT;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String getAwsRequestId() {
        return null;
    }

    @Override
    public String getLogGroupName() {
        return null;
    }

    @Override
    public String getLogStreamName() {
        return null;
    }

    @Override
    public String getFunctionName() {
        return null;
    }

    @Override
    public String getFunctionVersion() {
        return null;
    }

    @Override
    public String getInvokedFunctionArn() {
        return null;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 0;
    }

    private static final class Discarding implements LambdaLogger {

        @Override
        public void log(String message) {
            // Priming decisions are synthetic: nothing to log.
        }

        @Override
        public void log(byte[] message) {
            // Priming decisions are synthetic: nothing to log.
        }
    }
}
