package io.github.scopedgroupauth.runtime.reliability;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A Lambda logger that only counts lines, so the handler's logging runs on every input without the fuzzer or
 * the soak test keeping what it logs. The handler gets it through a {@code LoggerContext}.
 */
final class CountingLogger implements LambdaLogger {

    private long lines;

    long lines() {
        return lines;
    }

    @Override
    public void log(String message) {
        lines++;
    }

    @Override
    public void log(byte[] message) {
        lines++;
    }
}
