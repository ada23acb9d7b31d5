package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A logger that filters by level as the Lambda runtime's logger does with JSON logs ({@code AWS_LAMBDA_LOG_LEVEL},
 * INFO when unset) and hands each line it keeps, encoded as UTF-8, to a Blackhole instead of writing it: the
 * handler's formatting and the encoding are measured, the output itself is not.
 */
final class LevelLogger implements LambdaLogger {

    private final Blackhole sink;
    private final LogLevel minimum;

    LevelLogger(Blackhole sink, String level) {
        this.sink = sink;
        this.minimum =
                level == null ? LogLevel.INFO : LogLevel.valueOf(level.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public void log(String message) {
        sink.consume(message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void log(byte[] message) {
        sink.consume(message);
    }

    @Override
    public void log(String message, LogLevel level) {
        if (level.ordinal() >= minimum.ordinal()) {
            log(message);
        }
    }
}
