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
 * @param logLevel the application log level of the JSON logs, {@code AWS_LAMBDA_LOG_LEVEL}
 * @param snapStart whether the runtime starts as for a SnapStart snapshot: before-checkpoint hooks, then
 *     {@code /restore/next}, then events
 */
record LambdaFunction(
        Path codeDirectory,
        String handler,
        Map<String, String> environment,
        int memorySize,
        Duration timeout,
        String logLevel,
        boolean snapStart) {

    LambdaFunction {
        codeDirectory = codeDirectory.toAbsolutePath();
        environment = Map.copyOf(environment);
    }

    /**
     * A function with 512 MB, a timeout of 5 s (as long as Cognito waits for a trigger), Lambda's default
     * application log level INFO and an on-demand start.
     */
    static LambdaFunction of(Path codeDirectory, String handler, Map<String, String> environment) {
        return new LambdaFunction(codeDirectory, handler, environment, 512, Duration.ofSeconds(5), "INFO", false);
    }

    LambdaFunction withLogLevel(String level) {
        return new LambdaFunction(codeDirectory, handler, environment, memorySize, timeout, level, snapStart);
    }

    LambdaFunction withSnapStart(boolean snapStartOn) {
        return new LambdaFunction(codeDirectory, handler, environment, memorySize, timeout, logLevel, snapStartOn);
    }
}
