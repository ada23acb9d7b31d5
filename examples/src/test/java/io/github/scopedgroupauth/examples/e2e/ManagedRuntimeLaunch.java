package io.github.scopedgroupauth.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the managed {@code java21} runtime launches the runtime interface client: the JVM command line and the
 * process environment. The variables are Lambda's documented runtime variables. The JVM options follow the
 * command line of the managed {@code java17} runtime as published from its process list (2023 and 2024); the
 * {@code java21} runtime is assumed to match, which nothing here can check.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html">Defined runtime
 *     environment variables</a>
 */
final class ManagedRuntimeLaunch {

    private ManagedRuntimeLaunch() {
    }

    /**
     * The command that starts the runtime for a function.
     *
     * @param function the function
     * @param client the runtime interface client's jars
     * @param workDirectory a private directory for the native library and {@code java.io.tmpdir}
     * @return {@code java}, its options, the classpath, the RIC's main class and the handler
     * @throws IOException if the work directory cannot be written
     */
    static List<String> command(LambdaFunction function, RuntimeInterfaceClient client, Path workDirectory)
            throws IOException {
        Path tmp = Files.createDirectory(workDirectory.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Heap at 85% of the memory size, serial GC, C1 only, org.crac hooks routed to the RIC (SnapStart), the
        // RIC's native library given explicitly. Lambda's class data sharing archive has no equivalent here.
        command.add("-XX:MaxHeapSize=" + Math.round(function.memorySize() * 1024 * 0.85) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-XX:+ErrorFileToStderr");
        client.extractNativeLibrary(workDirectory).ifPresent(
                library -> command.add("-D" + RuntimeInterfaceClient.NATIVE_LIBRARY_PROPERTY + "=" + library));
        // Lambda's /tmp is private to the sandbox; here the child gets a private one too.
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-classpath");
        command.add(client.classpath());
        command.add(RuntimeInterfaceClient.MAIN_CLASS);
        command.add(function.handler());
        return command;
    }

    /**
     * The whole environment of the runtime, built from nothing: the developer's variables, AWS credentials above
     * all, never reach the function.
     *
     * @param function the function, whose own variables come last
     * @param runtimeApi the Runtime API's {@code host:port}
     * @return variable names to values
     */
    static Map<String, String> environment(LambdaFunction function, String runtimeApi) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("LAMBDA_TASK_ROOT", function.codeDirectory().toString());
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_REGION", function.region());
        environment.put("AWS_DEFAULT_REGION", function.region());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef");
        environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        environment.put("AWS_LAMBDA_LOG_LEVEL", function.logLevel());
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.putAll(function.environment());
        return environment;
    }
}
