package io.github.scopedgroupauth.examples.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The function under test, as Lambda would configure it. A CDK test takes the values from the synthesized
 * template: {@code Code} (the asset directory in {@code cdk.out}), {@code Handler},
 * {@code Environment.Variables}, {@code MemorySize}, {@code Timeout}, {@code LoggingConfig} and
 * {@code SnapStart}.
 *
 * @param codeDirectory the unpacked code, as in {@code /var/task}: classes and resources at the root, jars in
 *     {@code lib/}
 * @param handler {@code package.Class::method}, the runtime's argument and {@code _HANDLER}
 * @param environment the function's own variables, deploy-time tokens already replaced
 * @param memorySize MB, which also sizes the heap as the managed runtime does
 * @param timeout the function timeout, which sets each event's deadline
 * @param logFormat {@code JSON}, as the construct sets it, or {@code Text}: {@code AWS_LAMBDA_LOG_FORMAT}
 * @param logLevel the application log level of the JSON logs, {@code AWS_LAMBDA_LOG_LEVEL}; Lambda sets none
 *     for the text format
 * @param snapStart whether the runtime starts as for a SnapStart snapshot: before-checkpoint hooks, then
 *     {@code /restore/next}, then events
 */
record LambdaFunction(
        Path codeDirectory,
        String handler,
        Map<String, String> environment,
        int memorySize,
        Duration timeout,
        String logFormat,
        String logLevel,
        boolean snapStart) {

    LambdaFunction {
        codeDirectory = codeDirectory.toAbsolutePath();
        environment = Map.copyOf(environment);
    }

    /**
     * A function with 512 MB, a timeout of 5 s (as long as Cognito waits for a trigger), the JSON log format with
     * Lambda's default application log level INFO, and an on-demand start.
     */
    static LambdaFunction of(Path codeDirectory, String handler, Map<String, String> environment) {
        return new LambdaFunction(
                codeDirectory, handler, environment, 512, Duration.ofSeconds(5), "JSON", "INFO", false);
    }

    LambdaFunction withLogLevel(String level) {
        return new LambdaFunction(
                codeDirectory, handler, environment, memorySize, timeout, logFormat, level, snapStart);
    }

    /** The given log format; the text format has no log level. */
    LambdaFunction withLogFormat(String format) {
        return new LambdaFunction(
                codeDirectory,
                handler,
                environment,
                memorySize,
                timeout,
                format,
                "JSON".equals(format) ? logLevel : null,
                snapStart);
    }

    LambdaFunction withSnapStart(boolean snapStartOn) {
        return new LambdaFunction(
                codeDirectory, handler, environment, memorySize, timeout, logFormat, logLevel, snapStartOn);
    }
}
