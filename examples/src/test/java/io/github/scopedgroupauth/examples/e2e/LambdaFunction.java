package io.github.scopedgroupauth.examples.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The function under test, described as Lambda would configure it: the unpacked code, the handler, the
 * function's own environment variables and the few settings the runtime sees. An immutable value.
 *
 * <p>A CDK test builds one from a synthesized template: {@code Code} gives the asset directory in
 * {@code cdk.out}, and {@code Handler}, {@code Environment.Variables}, {@code MemorySize} and {@code Timeout}
 * map to the builder methods of the same names.
 *
 * <pre>{@code
 * LambdaFunction function = LambdaFunction.builder()
 *     .codeDirectory(assetDirectory)
 *     .handler("io.github.scopedgroupauth.runtime.PreTokenGenerationHandler::handleRequest")
 *     .environment(Map.of("SCOPED_GROUP_AUTH_CLIENTS", "webclient123=*"))
 *     .build();
 * }</pre>
 */
public final class LambdaFunction {

    /**
     * Variables Lambda sets itself and refuses in a function's configuration.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html">Reserved
     *     environment variables</a>
     */
    static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private static final String ACCOUNT = "123456789012";

    private final Path codeDirectory;
    private final String handler;
    private final Map<String, String> environment;
    private final String functionName;
    private final String region;
    private final int memorySize;
    private final Duration timeout;
    private final String logLevel;
    private final boolean snapStart;

    private LambdaFunction(Builder builder) {
        List<String> problems = new ArrayList<>();
        if (builder.codeDirectory == null || !Files.isDirectory(builder.codeDirectory)) {
            problems.add("`codeDirectory` '" + builder.codeDirectory + "' is not a directory; give the unpacked code");
        }
        if (builder.handler == null || builder.handler.isBlank()) {
            problems.add("`handler` is empty; give 'package.Class::method'");
        }
        Set<String> reserved = new TreeSet<>(builder.environment.keySet());
        reserved.retainAll(RESERVED_VARIABLES);
        if (!reserved.isEmpty()) {
            problems.add("`environment` sets the reserved variables " + reserved + "; Lambda sets them itself");
        }
        if (builder.memorySize < 128 || builder.memorySize > 10240) {
            problems.add("`memorySize` " + builder.memorySize + " is outside 128 to 10240 MB");
        }
        if (builder.timeout.isNegative() || builder.timeout.isZero()) {
            problems.add("`timeout` " + builder.timeout + " is not positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.codeDirectory = builder.codeDirectory.toAbsolutePath().normalize();
        this.handler = builder.handler;
        this.environment = Map.copyOf(builder.environment);
        this.functionName = builder.functionName;
        this.region = builder.region;
        this.memorySize = builder.memorySize;
        this.timeout = builder.timeout;
        this.logLevel = builder.logLevel;
        this.snapStart = builder.snapStart;
    }

    /**
     * Starts a description.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the absolute directory that Lambda would unpack the code into ({@code /var/task})} */
    public Path codeDirectory() {
        return codeDirectory;
    }

    /** {@return the handler string, passed to the runtime as its argument and as {@code _HANDLER}} */
    public String handler() {
        return handler;
    }

    /** {@return the function's own environment variables} */
    public Map<String, String> environment() {
        return environment;
    }

    /** {@return the function name} */
    public String functionName() {
        return functionName;
    }

    /** {@return the Region, as {@code AWS_REGION}} */
    public String region() {
        return region;
    }

    /** {@return the memory size in MB, which also sizes the heap as the managed runtime does} */
    public int memorySize() {
        return memorySize;
    }

    /** {@return the function timeout, which sets each event's deadline} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return the application log level, as {@code AWS_LAMBDA_LOG_LEVEL}} */
    public String logLevel() {
        return logLevel;
    }

    /** {@return whether the runtime starts as a SnapStart snapshot would: hooks run, then {@code /restore/next}} */
    public boolean snapStart() {
        return snapStart;
    }

    /**
     * The unqualified function ARN, in a made-up account.
     *
     * @return {@code arn:aws:lambda:<region>:123456789012:function:<name>}
     */
    public String functionArn() {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + functionName;
    }

    /** Builds a {@link LambdaFunction}; every problem found is reported at {@link #build()}. */
    public static final class Builder {

        private Path codeDirectory;
        private String handler;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String functionName = "ScopedGroupAuthFunction";
        private String region = "us-east-1";
        private int memorySize = 512;
        private Duration timeout = Duration.ofSeconds(5);
        private String logLevel = "INFO";
        private boolean snapStart;

        private Builder() {
        }

        /**
         * The unpacked code: classes and resources at the root, jars in {@code lib/}.
         *
         * @param codeDirectory an existing directory
         * @return this builder
         */
        public Builder codeDirectory(Path codeDirectory) {
            this.codeDirectory = codeDirectory;
            return this;
        }

        /**
         * The handler string.
         *
         * @param handler {@code package.Class::method} or {@code package.Class}
         * @return this builder
         */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /**
         * Adds the function's own environment variables, with deploy-time tokens already replaced.
         *
         * @param environment names to values; no reserved names
         * @return this builder
         * @default no variables
         */
        public Builder environment(Map<String, String> environment) {
            this.environment.putAll(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * The function name, also in the ARN and the log group name.
         *
         * @param functionName the function name
         * @return this builder
         * @default {@code ScopedGroupAuthFunction}
         */
        public Builder functionName(String functionName) {
            this.functionName = Objects.requireNonNull(functionName, "functionName");
            return this;
        }

        /**
         * The Region the function runs in.
         *
         * @param region the Region
         * @return this builder
         * @default {@code us-east-1}
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The memory size, which sets the heap size as the managed runtime does.
         *
         * @param memorySize MB, 128 to 10240
         * @return this builder
         * @default 512
         */
        public Builder memorySize(int memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /**
         * The function timeout, which sets each event's deadline.
         *
         * @param timeout the function timeout
         * @return this builder
         * @default 5 seconds, as long as Cognito waits for a trigger
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The application log level of the JSON logs.
         *
         * @param logLevel TRACE, DEBUG, INFO, WARN, ERROR or FATAL
         * @return this builder
         * @default {@code INFO}, Lambda's default application log level for JSON logs
         */
        public Builder logLevel(String logLevel) {
            this.logLevel = Objects.requireNonNull(logLevel, "logLevel");
            return this;
        }

        /**
         * Whether to start as for a SnapStart snapshot: the runtime runs the before-checkpoint hooks, asks for
         * {@code /restore/next}, runs the after-restore hooks, and only then asks for events.
         *
         * @param snapStart whether to start as a SnapStart snapshot would
         * @return this builder
         * @default false: an on-demand start
         */
        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        /**
         * Builds the description.
         *
         * @return the immutable value
         * @throws IllegalArgumentException naming every setting that is missing or wrong
         */
        public LambdaFunction build() {
            return new LambdaFunction(this);
        }
    }
}
