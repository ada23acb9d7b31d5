package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopeMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awscdk.Stage;
import software.constructs.Construct;

/**
 * Writes the scope matrix into the cloud assembly, as {@code <path>.scope-matrix.md} and
 * {@code <path>.scope-matrix.json}, where {@code <path>} is the construct's path with {@code .} between its ids.
 *
 * <p>Each file is written whole in a new private directory of the same directory, then renamed over the old
 * one, so a reader never sees half a file, and a link another user of the build host planted under the name is
 * replaced, never followed: no write and no change of permissions reaches anything but the file just created.
 */
public final class ScopeMatrixFiles {

    static final String MARKDOWN_SUFFIX = ".scope-matrix.md";
    static final String JSON_SUFFIX = ".scope-matrix.json";
    /** Well below the 255 bytes most file systems allow in a name, suffix included. */
    static final int MAX_BASE_NAME_LENGTH = 200;
    /** How the private directory a file is written in before its rename starts. */
    static final String TEMPORARY_PREFIX = ".scope-matrix-";

    private static final Set<OpenOption> CREATE_OPTIONS =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static volatile Consumer<Path> beforeWrite = path -> {};

    private ScopeMatrixFiles() {}

    /**
     * The Markdown file's name in the cloud assembly directory of the construct's stage.
     *
     * @param construct the ScopedGroupAuth construct
     * @return a file name
     */
    public static String markdownFileName(Construct construct) {
        return baseName(construct) + MARKDOWN_SUFFIX;
    }

    /**
     * The JSON file's name in the cloud assembly directory of the construct's stage.
     *
     * @param construct the ScopedGroupAuth construct
     * @return a file name
     */
    public static String jsonFileName(Construct construct) {
        return baseName(construct) + JSON_SUFFIX;
    }

    /**
     * Writes both files into the cloud assembly directory of the construct's stage.
     *
     * @param construct the ScopedGroupAuth construct
     * @param matrix its matrix
     * @return a problem if a file cannot be written, for the construct's validation; otherwise none
     */
    public static List<String> write(Construct construct, ScopeMatrix matrix) {
        Path directory = Path.of(Stage.of(construct).getOutdir()).toAbsolutePath();
        try {
            Files.createDirectories(directory);
            replace(directory, markdownFileName(construct), matrix.toMarkdown());
            replace(directory, jsonFileName(construct), matrix.toJson());
            return List.of();
        } catch (IOException | UnsupportedOperationException e) {
            return List.of("cannot write the scope matrix into " + directory + " (" + e
                    + "); synthesize into a directory you can write to");
        }
    }

    /**
     * Writes the text into a new file of a new private directory, then renames it over the name. The directory
     * has a random name and owner-only permissions, so no other user can swap the new file for a link; the file
     * is created new, never through a link, with its permissions given at creation, and written through the
     * channel that created it; and its name must still hold a regular file when it is renamed, so that not even
     * this user's other processes can make the name a link.
     */
    static void replace(Path directory, String name, String text) throws IOException {
        Path privateDirectory = Files.createTempDirectory(directory, TEMPORARY_PREFIX);
        Path written = privateDirectory.resolve(name);
        try {
            try (FileChannel channel = FileChannel.open(written, CREATE_OPTIONS, creationAttributes(directory))) {
                beforeWrite.accept(written);
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (!Files.isRegularFile(written, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(written + " was replaced by something other than the file just written");
            }
            Files.move(written, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
            Files.delete(privateDirectory);
        }
    }

    /** Not secret, and read by reviewers' tools: readable as the cloud assembly's other files are. */
    private static FileAttribute<?>[] creationAttributes(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))
                }
                : new FileAttribute<?>[0];
    }

    /**
     * Runs between the file's creation and its writing, where a swap would do harm: a test swaps the file for
     * a link there.
     *
     * @param hook what to run with the new file's path
     */
    static void beforeWrite(Consumer<Path> hook) {
        beforeWrite = hook;
    }

    /**
     * The construct's path as one file name: ids joined by {@code .}, every character but ASCII letters, digits,
     * {@code -} and {@code _} percent-encoded in UTF-8, so that two paths never give the same name; a path too
     * long for a file name gives the construct's unique address instead.
     */
    static String baseName(Construct construct) {
        String path = construct.getNode().getPath();
        StringBuilder name = new StringBuilder();
        for (String id : path.split("/", -1)) {
            name.append(name.length() == 0 ? "" : ".");
            for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '-'
                        || c == '_') {
                    name.append(c);
                } else {
                    name.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return name.length() <= MAX_BASE_NAME_LENGTH
                ? name.toString()
                : "ScopedGroupAuth-" + construct.getNode().getAddr();
    }
}
