package io.github.scopedgroupauth.runtime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link LambdaLogger} that keeps every line, with its level, for assertions. */
final class CapturingLogger implements LambdaLogger {

    /** One logged line. */
    record Line(LogLevel level, String message) {}

    private final List<Line> lines = new ArrayList<>();

    @Override
    public void log(String message) {
        lines.add(new Line(LogLevel.UNDEFINED, message));
    }

    @Override
    public void log(byte[] message) {
        lines.add(new Line(LogLevel.UNDEFINED, new String(message, StandardCharsets.UTF_8)));
    }

    @Override
    public void log(String message, LogLevel level) {
        lines.add(new Line(level, message));
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        lines.add(new Line(level, new String(message, StandardCharsets.UTF_8)));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }
}
