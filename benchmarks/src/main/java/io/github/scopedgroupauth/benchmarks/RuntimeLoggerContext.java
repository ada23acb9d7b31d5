package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext;
import com.amazonaws.services.lambda.runtime.api.client.logging.FramedTelemetryLogSink;
import com.amazonaws.services.lambda.runtime.api.client.logging.LambdaContextLogger;
import com.amazonaws.services.lambda.runtime.logging.LogFormat;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * The runtime interface client's own context and logger, as it hands them to a handler in a function with JSON
 * logs ({@code AWS_LAMBDA_LOG_FORMAT=JSON}, which the construct sets): {@code LambdaContextLogger} filters by
 * {@code AWS_LAMBDA_LOG_LEVEL} (INFO when unset, as Lambda sets it), its JSON formatter builds each kept line with the timestamp, level and request id,
 * and {@code FramedTelemetryLogSink} writes it as a framed record, here to {@code /dev/null} instead of Lambda's
 * telemetry pipe. So a benchmark pays for every log line what the function pays on Lambda, except the pipe.
 */
final class RuntimeLoggerContext extends LambdaContext {

    private final LambdaLogger logger;

    private RuntimeLoggerContext(LambdaLogger logger) {
        super(
                512,
                Long.MAX_VALUE,
                "0a1b2c3d-request",
                "/aws/lambda/benchmark",
                "stream",
                "benchmark",
                null,
                "1",
                "arn:aws:lambda:eu-west-1:123456789012:function:benchmark:live",
                null,
                null,
                null);
        this.logger = logger;
    }

    /**
     * A context whose logger is the runtime's JSON logger at the level of {@code AWS_LAMBDA_LOG_LEVEL}.
     *
     * @return the context
     * @throws IOException if {@code /dev/null} cannot be opened
     */
    static RuntimeLoggerContext jsonLogging() throws IOException {
        // Left open for the JVM's lifetime, as the runtime's telemetry descriptor is.
        @SuppressWarnings("resource")
        FileOutputStream devNull = new FileOutputStream("/dev/null");
        LambdaContextLogger logger = new LambdaContextLogger(
                new FramedTelemetryLogSink(devNull.getFD()),
                LogLevel.fromString(Objects.requireNonNullElse(System.getenv("AWS_LAMBDA_LOG_LEVEL"), "INFO")),
                LogFormat.JSON);
        RuntimeLoggerContext context = new RuntimeLoggerContext(logger);
        logger.setLambdaContext(context);
        return context;
    }

    /**
     * A context around any logger.
     *
     * @param logger the logger to hand out
     * @return the context
     */
    static RuntimeLoggerContext with(LambdaLogger logger) {
        return new RuntimeLoggerContext(logger);
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
