package io.github.scopedgroupauth.examples.playground;

import io.github.scopedgroupauth.examples.playground.SynthesizedApp.TriggerFunction;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How the managed {@code java21} runtime launches the official runtime interface client (RIC): the JVM command
 * line and the environment, built from nothing so that none of the developer's variables (AWS credentials above
 * all) reach the function. The same launch as the end-to-end tests' harness.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html">Defined runtime
 *     environment variables</a>
 */
final class RuntimeLaunch {

    private static final String FUNCTION_NAME = "ScopedGroupAuthFunction";
    private static final String REGION = "us-east-1";
    /** The unqualified function ARN, in a made-up account; sent with every event. */
    static final String FUNCTION_ARN = "arn:aws:lambda:" + REGION + ":123456789012:function:" + FUNCTION_NAME;

    private static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** One class of each jar the RIC needs (2.10.1): itself, then its dependencies and theirs. */
    private static final List<String> RIC_CLASSES = List.of(
            MAIN_CLASS,
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",
            "software.amazon.awssdk.annotations.SdkPublicApi");

    private RuntimeLaunch() {}

    /**
     * The runtime's process, ready to start in the function's code directory, where the RIC loads it from.
     *
     * @param runtimeApi the Runtime API's {@code host:port}
     * @param workDirectory a private, empty directory for the native library and {@code java.io.tmpdir}
     */
    static ProcessBuilder processBuilder(TriggerFunction function, String runtimeApi, Path workDirectory)
            throws IOException {
        List<Path> jars = ricJars();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Heap at 85% of the memory size, serial GC, C1 only, org.crac hooks routed to the RIC.
        command.add("-XX:MaxHeapSize=" + Math.round(function.memorySize() * 1024 * 0.85) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        Path library = extractNativeLibrary(jars.get(0), workDirectory);
        if (library != null) {
            command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + library);
        }
        command.add("-Djava.io.tmpdir=" + Files.createDirectory(workDirectory.resolve("tmp")));
        command.add("-classpath");
        command.add(String.join(
                File.pathSeparator, jars.stream().map(Path::toString).toList()));
        command.add(MAIN_CLASS);
        command.add(function.handler());
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(function.codeDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(function, runtimeApi));
        return builder;
    }

    private static Map<String, String> environment(TriggerFunction function, String runtimeApi) {
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
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "playground");
        environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        environment.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.putAll(function.environment());
        return environment;
    }

    /** The jars of the RIC and its dependencies, found through the classes they hold. */
    private static List<Path> ricJars() {
        List<Path> jars = new ArrayList<>();
        for (String className : RIC_CLASSES) {
            URL resource = RuntimeLaunch.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
            if (resource == null || !"jar".equals(resource.getProtocol())) {
                throw new IllegalStateException("the class path has no jar with " + className + ", which the"
                        + " runtime interface client needs; run the playground through the examples module's"
                        + " playground profile");
            }
            try {
                jars.add(Path.of(((JarURLConnection) resource.openConnection())
                        .getJarFileURL()
                        .toURI()));
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("cannot locate the jar of " + className + ": " + resource, e);
            }
        }
        return jars;
    }

    /**
     * Copies the RIC's native client for this machine next to the runtime, as the managed runtime ships it;
     * otherwise the RIC unpacks it to a fixed path under /tmp, which another user could have put there first.
     *
     * @return the library, or null on a machine the RIC has no library for
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
