package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A Lambda context whose logger hands every line to a JMH {@link Blackhole} and writes nothing, so a benchmark
 * measures the handler's formatting of its log lines without the cost of output. The Blackhole keeps the JIT
 * from dropping the formatting as unused.
 */
final class DiscardingLoggerContext implements Context, LambdaLogger {

    private final Blackhole sink;

    /**
     * Creates the context.
     *
     * @param sink where each line goes
     */
    DiscardingLoggerContext(Blackhole sink) {
        this.sink = sink;
    }

    @Override
    public String getAwsRequestId() {
        return "benchmark";
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
    public int getRemainingTimeInMillis() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    /**
     * Receives the lines of every level: the default {@code log(String, LogLevel)} of {@link LambdaLogger}
     * delegates here.
     */
    @Override
    public void log(String message) {
        sink.consume(message);
    }

    @Override
    public void log(byte[] message) {
        sink.consume(message);
    }
}
