package io.github.scopedgroupauth.examples.e2e;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The official Lambda runtime interface client (RIC) as found on the test classpath: its jar, the jars it
 * needs, and its native HTTP client. These, and only these, form the classpath of the managed Java runtime; the
 * function's own classes are loaded by the RIC from the code directory.
 *
 * <p>The jars are picked from the test classpath by Maven coordinates (the {@code group/artifact/} folders and
 * the file name), so no jar of the project, and nothing else the tests use, reaches the child JVM.
 */
public final class RuntimeInterfaceClient {

    /** The RIC's entry point; its one argument is the handler string. */
    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** The system property with which the managed runtime points the RIC at its native library. */
    public static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    // The RIC and the compile dependencies of its pom (2.10.1), with theirs: utils-lite needs annotations.
    private static final List<String> ARTIFACTS = List.of(
            "com.amazonaws:aws-lambda-java-runtime-interface-client",
            "com.amazonaws:aws-lambda-java-core",
            "com.amazonaws:aws-lambda-java-serialization",
            "software.amazon.awssdk:utils-lite",
            "software.amazon.awssdk:annotations");

    private final List<Path> jars;

    private RuntimeInterfaceClient(List<Path> jars) {
        this.jars = List.copyOf(jars);
    }

    /**
     * Finds the RIC's jars on the classpath of the running tests.
     *
     * @return the client
     * @throws IllegalStateException naming every jar that is missing
     */
    public static RuntimeInterfaceClient fromTestClasspath() {
        String classpath = System.getProperty("java.class.path");
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String coordinates : ARTIFACTS) {
            Optional<Path> jar = find(classpath, coordinates);
            jar.ifPresentOrElse(found::add, () -> missing.add(coordinates));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the test classpath lacks " + missing + ", which the runtime interface"
                    + " client needs; declare com.amazonaws:aws-lambda-java-runtime-interface-client as a test"
                    + " dependency. Classpath: " + classpath);
        }
        return new RuntimeInterfaceClient(found);
    }

    /**
     * The child JVM's classpath.
     *
     * @return the jars joined with the platform's path separator, the RIC first
     */
    public String classpath() {
        List<String> paths = new ArrayList<>();
        jars.forEach(jar -> paths.add(jar.toString()));
        return String.join(File.pathSeparator, paths);
    }

    /**
     * Copies the native client for this machine out of the RIC jar, as the managed runtime ships it beside the
     * jar. Without it the RIC unpacks its library to the fixed path {@code /tmp/.libaws-lambda-jni.so}, which
     * two child JVMs starting at once would overwrite under each other.
     *
     * @param directory where to put the library
     * @return the library, or empty on a machine the RIC has no library for (it then looks for one itself)
     * @throws IOException if the copy fails
     */
    public Optional<Path> extractNativeLibrary(Path directory) throws IOException {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String suffix = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : null;
        if (suffix == null || !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        try (ZipFile ric = new ZipFile(jars.get(0).toFile())) {
            ZipEntry entry = ric.getEntry("jni/libaws-lambda-jni.linux-" + suffix + ".so");
            if (entry == null) {
                return Optional.empty();
            }
            Path library = directory.resolve("libaws-lambda-jni.so");
            try (InputStream in = ric.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(library);
        }
    }

    private static Optional<Path> find(String classpath, String coordinates) {
        String[] parts = coordinates.split(":");
        String folder = "/" + parts[0].replace('.', '/') + "/" + parts[1] + "/";
        for (String entry : classpath.split(File.pathSeparator)) {
            String path = entry.replace(File.separatorChar, '/');
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (path.contains(folder) && name.startsWith(parts[1] + "-") && name.endsWith(".jar")) {
                return Optional.of(Path.of(entry));
            }
        }
        return Optional.empty();
    }
}
