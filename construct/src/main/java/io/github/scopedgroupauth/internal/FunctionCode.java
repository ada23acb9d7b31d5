package io.github.scopedgroupauth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lays out the function code: the runtime's function jar, embedded in this library's jar, under {@code lib/},
 * and the policy file at the root, where the Lambda Java runtime puts both on the classpath.
 *
 * <p>The directory is named after a hash of its content, so the same jar and policy always give the same
 * directory and the same CDK asset hash ({@code cdk diff} shows no change), and concurrent synths never write
 * into each other's directory.
 */
public final class FunctionCode {

    /** The classpath resource of the embedded function jar. */
    static final String EMBEDDED_JAR = "/io/github/scopedgroupauth/internal/scoped-group-auth-runtime.jar";
    /** The jar's path inside the function code. */
    static final String JAR_PATH = "lib/scoped-group-auth-runtime.jar";
    /** The handler the function runs. */
    public static final String HANDLER = "io.github.scopedgroupauth.runtime.PreTokenGenerationHandler::handleRequest";

    private FunctionCode() {
    }

    /**
     * Writes the code directory for a policy, or finds the one already written.
     *
     * @param policyFile the policy file's text
     * @return the directory to use as the function's code asset
     */
    public static Path stage(String policyFile) {
        byte[] jar = embeddedJar();
        byte[] policy = policyFile.getBytes(StandardCharsets.UTF_8);
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "scoped-group-auth-" + hash(jar, policy));
        if (Files.isDirectory(directory)) {
            return directory;
        }
        try {
            Path partial = Files.createTempDirectory("scoped-group-auth-partial-");
            Files.createDirectories(partial.resolve(JAR_PATH).getParent());
            Files.write(partial.resolve(JAR_PATH), jar);
            Files.write(partial.resolve(PolicyFileWriter.FILE_NAME), policy);
            moveIntoPlace(partial, directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ScopedGroupAuth function code to " + directory, e);
        }
    }

    private static void moveIntoPlace(Path partial, Path directory) throws IOException {
        try {
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another synth may have written the same content first; its directory is as good as ours.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    private static byte[] embeddedJar() {
        try (InputStream stream = FunctionCode.class.getResourceAsStream(EMBEDDED_JAR)) {
            if (stream == null) {
                throw new IllegalStateException("the ScopedGroupAuth library jar lacks its function code ("
                        + EMBEDDED_JAR + "); the library was built without the runtime module: rebuild it with"
                        + " 'mvn package' from the repository root");
            }
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + EMBEDDED_JAR, e);
        }
    }

    private static String hash(byte[] jar, byte[] policy) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(jar);
            digest.update((byte) 0);
            digest.update(policy);
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
