package io.github.scopedgroupauth.examples.e2e;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How the managed {@code java21} runtime launches the official runtime interface client (RIC): its classpath,
 * the JVM command line and the process environment. The variables are Lambda's documented runtime variables.
 * The JVM options follow the command line of the managed {@code java17} runtime as published from its process
 * list (2023 and 2024); the {@code java21} runtime is assumed to match, which nothing here can check.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html">Defined runtime
 *     environment variables</a>
 */
final class ManagedRuntimeLaunch {

    /** The function's name, {@code AWS_LAMBDA_FUNCTION_NAME}. */
    static final String FUNCTION_NAME = "ScopedGroupAuthFunction";

    private static final String REGION = "us-east-1";
    /** The unqualified function ARN, in a made-up account; sent with every event. */
    static final String FUNCTION_ARN = "arn:aws:lambda:" + REGION + ":123456789012:function:" + FUNCTION_NAME;

    private static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    // The Maven folders (group/artifact) of the RIC and the compile dependencies of its pom (2.10.1), with theirs:
    // utils-lite needs annotations. Only these jars reach the child JVM; the RIC loads the function's own classes
    // from the code directory.
    private static final List<String> RIC_FOLDERS = List.of(
            "/com/amazonaws/aws-lambda-java-runtime-interface-client/",
            "/com/amazonaws/aws-lambda-java-core/",
            "/com/amazonaws/aws-lambda-java-serialization/",
            "/software/amazon/awssdk/utils-lite/",
            "/software/amazon/awssdk/annotations/");

    private ManagedRuntimeLaunch() {}

    /**
     * The runtime's process, ready to start.
     *
     * @param function the function
     * @param runtimeApi the Runtime API's {@code host:port}
     * @param workDirectory a private directory for the native library and {@code java.io.tmpdir}
     * @throws IOException if the work directory cannot be written
     */
    static ProcessBuilder processBuilder(LambdaFunction function, String runtimeApi, Path workDirectory)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(function, workDirectory))
                // The RIC loads the function from its working directory (user.dir), not from LAMBDA_TASK_ROOT.
                .directory(function.codeDirectory().toFile());
        // Built from nothing: the developer's variables, AWS credentials above all, never reach the function.
        builder.environment().clear();
        builder.environment().putAll(environment(function, runtimeApi));
        return builder;
    }

    private static List<String> command(LambdaFunction function, Path workDirectory) throws IOException {
        List<Path> jars = ricJars();
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
        Path library = extractNativeLibrary(jars.get(0), workDirectory);
        if (library != null) {
            command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + library);
        }
        // Lambda's /tmp is private to the sandbox; here the child gets a private one too.
        command.add("-Djava.io.tmpdir=" + Files.createDirectory(workDirectory.resolve("tmp")));
        command.add("-classpath");
        command.add(String.join(
                File.pathSeparator, jars.stream().map(Path::toString).toList()));
        command.add(MAIN_CLASS);
        command.add(function.handler());
        return command;
    }

    private static Map<String, String> environment(LambdaFunction function, String runtimeApi) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("LAMBDA_TASK_ROOT", function.codeDirectory().toString());
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_DEFAULT_REGION", REGION);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef");
        environment.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
        if (function.logLevel() != null) {
            environment.put("AWS_LAMBDA_LOG_LEVEL", function.logLevel());
        }
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.putAll(function.environment());
        return environment;
    }

    /** The RIC's jars on the test classpath, the RIC first. */
    private static List<Path> ricJars() {
        String classpath = System.getProperty("java.class.path");
        List<Path> jars = new ArrayList<>();
        for (String folder : RIC_FOLDERS) {
            String jar = Stream.of(classpath.split(File.pathSeparator))
                    .filter(entry -> entry.replace(File.separatorChar, '/').contains(folder) && entry.endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the test classpath has no jar in " + folder
                            + ", which the runtime interface client needs; declare"
                            + " com.amazonaws:aws-lambda-java-runtime-interface-client as a test dependency."
                            + " Classpath: " + classpath));
            jars.add(Path.of(jar));
        }
        return jars;
    }

    /**
     * Copies the native client for this machine out of the RIC jar, as the managed runtime ships it beside the
     * jar. Without it the RIC unpacks its library to the fixed path {@code /tmp/.libaws-lambda-jni.so}, which two
     * child JVMs starting at once would overwrite under each other.
     *
     * @return the library, or null on a machine the RIC has no library for (it then looks for one itself)
     */
    private static Path extractNativeLibrary(Path ricJar, Path directory) throws IOException {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String suffix = arch.equals("amd64") || arch.equals("x86_64")
                ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : null;
        if (suffix == null
                || !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try (ZipFile ric = new ZipFile(ricJar.toFile())) {
            ZipEntry entry = ric.getEntry("jni/libaws-lambda-jni.linux-" + suffix + ".so");
            if (entry == null) {
                return null;
            }
            Path library = directory.resolve("libaws-lambda-jni.so");
            try (InputStream in = ric.getInputStream(entry)) {
                Files.copy(in, library);
            }
            return library;
        }
    }
}
