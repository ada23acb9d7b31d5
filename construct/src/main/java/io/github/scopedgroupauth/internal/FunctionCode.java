package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.ScopedGroupAuthScopes;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Lays out the function code: the runtime's function jar, embedded in this library's jar, under {@code lib/},
 * and the policy file at the root, where the Lambda Java runtime puts both on the classpath.
 *
 * <p>The code is written into a new directory with a random name and owner-only permissions inside the
 * cloud assembly's output directory, never into a shared folder such as {@code java.io.tmpdir}: another user
 * of the build host must not be able to prepare the directory the function code is taken from. Every file is
 * created new, never through a symbolic link, and read back before use. The CDK's asset hash depends only on
 * the content, so the same jar and policy still give the same asset ({@code cdk diff} shows no change).
 */
public final class FunctionCode {

    /** The classpath resource of the embedded function jar. */
    static final String EMBEDDED_JAR = "/io/github/scopedgroupauth/internal/scoped-group-auth-runtime.jar";
    /** The jar's path inside the function code. */
    static final String JAR_PATH = "lib/scoped-group-auth-runtime.jar";
    /** The policy file's path inside the policy layer, and so under {@code /opt} in the function. */
    static final String LAYER_FILE = ScopedGroupAuthScopes.LAYER_FILE;
    /** How the staging directory's name starts, inside the cloud assembly's output directory. */
    static final String DIRECTORY_PREFIX = "scoped-group-auth-code-";

    private FunctionCode() {}

    /**
     * Writes the code directory for a policy into a new private directory of the cloud assembly's output
     * directory.
     *
     * @param scope a construct of the app, to find the cloud assembly's output directory
     * @param policyFile the policy file's text
     * @return the directory to use as the function's code asset
     * @throws IllegalStateException if what was written is not what was read back
     */
    public static Path stage(Construct scope, String policyFile) {
        // Absolute, as the CDK reports the asset's path: the CLI passes a relative outdir (cdk.out).
        return stage(Path.of(Stage.of(scope).getAssetOutdir()).toAbsolutePath(), policyFile);
    }

    static Path stage(Path parent, String policyFile) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(JAR_PATH, embeddedJar());
        files.put(PolicyFormat.FILE_NAME, policyFile.getBytes(StandardCharsets.UTF_8));
        return stage(parent, files);
    }

    /**
     * Writes the content of the policy layer of a {@code triggerFunction}, the policy file at
     * {@code scoped-group-auth/scoped-group-auth.conf}, where Lambda extracts it under {@code /opt}, in the same
     * way as {@link #stage(Construct, String)}.
     *
     * @param scope a construct of the app, to find the cloud assembly's output directory
     * @param policyFile the policy file's text
     * @return the directory to use as the layer's code asset
     */
    public static Path stageLayer(Construct scope, String policyFile) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(LAYER_FILE, policyFile.getBytes(StandardCharsets.UTF_8));
        return stage(Path.of(Stage.of(scope).getAssetOutdir()).toAbsolutePath(), files);
    }

    private static Path stage(Path parent, Map<String, byte[]> files) {
        Path directory = null;
        try {
            Files.createDirectories(parent);
            // Random name, created atomically with owner-only permissions: nobody can have prepared it.
            directory = Files.createTempDirectory(parent, DIRECTORY_PREFIX);
            for (String name : files.keySet()) {
                Path folder = directory.resolve(name).getParent();
                if (!folder.equals(directory) && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(folder);
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(
                        directory.resolve(file.getKey()),
                        file.getValue(),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            }
            checkStaged(directory, files);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the ScopedGroupAuth function code to " + (directory == null ? parent : directory), e);
        }
    }

    /**
     * Fails unless the directory holds exactly these files, as regular files with this content, and no
     * symbolic link anywhere.
     */
    static void checkStaged(Path directory, Map<String, byte[]> files) throws IOException {
        Map<String, byte[]> found = new TreeMap<>();
        collect(directory, directory, found);
        boolean same = found.keySet().equals(files.keySet())
                && files.entrySet().stream().allMatch(file -> Arrays.equals(file.getValue(), found.get(file.getKey())));
        if (!same) {
            throw new IllegalStateException("the ScopedGroupAuth function code staged in " + directory + " holds "
                    + found.keySet() + " with other content than was written; something else writes to the cloud"
                    + " assembly's output directory: synthesize into a directory only you can write to");
        }
    }

    private static void collect(Path root, Path directory, Map<String, byte[]> found) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes =
                        Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink() || !(attributes.isDirectory() || attributes.isRegularFile())) {
                    throw new IllegalStateException("the ScopedGroupAuth function code staged in " + root
                            + " contains " + root.relativize(entry) + ", which is a symbolic link or not a regular"
                            + " file; function code is never taken through a link: synthesize into a directory"
                            + " only you can write to");
                }
                if (attributes.isDirectory()) {
                    collect(root, entry, found);
                } else {
                    found.put(root.relativize(entry).toString().replace('\\', '/'), Files.readAllBytes(entry));
                }
            }
        }
    }

    /**
     * Removes the staged directory once the CDK has copied it into its own asset directory, so that only the
     * CDK's copy remains in the cloud assembly. With asset staging disabled the CDK uses the directory itself,
     * which is then kept.
     *
     * @param function the function whose code was staged
     * @param directory the directory {@link #stage} returned
     */
    public static void removeIfCopied(Function function, Path directory) {
        removeIfCopied(function, directory, List.of(JAR_PATH, "lib", PolicyFormat.FILE_NAME));
    }

    /**
     * Removes the staged policy layer content once the CDK has copied it, as {@link #removeIfCopied(Function,
     * Path)} does for the function code.
     *
     * @param layer the layer whose code was staged
     * @param directory the directory {@link #stageLayer} returned
     */
    public static void removeIfCopied(LayerVersion layer, Path directory) {
        removeIfCopied(layer, directory, List.of(LAYER_FILE, "scoped-group-auth"));
    }

    /** Removes the named files and folders, in this order, then the directory. */
    private static void removeIfCopied(IConstruct owner, Path directory, List<String> staged) {
        // Relative to the stack's assembly directory when the CDK copied it; absolute when it did not.
        Path assetPath = Path.of(Stage.of(owner).getOutdir())
                .toAbsolutePath()
                .resolve(((Asset) owner.getNode().findChild("Code")).getAssetPath())
                .normalize();
        if (assetPath.equals(directory.toAbsolutePath().normalize())) {
            return;
        }
        try {
            for (String name : staged) {
                Files.delete(directory.resolve(name));
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staged ScopedGroupAuth function code " + directory, e);
        }
    }

    /**
     * The hash of the code asset of the function or policy layer, which names its object in the template
     * ({@code Code.S3Key} or {@code Content.S3Key}).
     *
     * @param function the function or layer whose code was staged
     * @return the asset hash
     */
    public static String assetHash(IConstruct function) {
        return ((Asset) function.getNode().findChild("Code")).getAssetHash();
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
}
