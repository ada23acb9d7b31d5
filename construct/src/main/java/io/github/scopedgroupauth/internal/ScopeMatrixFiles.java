package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopeMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import software.amazon.awscdk.Stage;
import software.constructs.Construct;

/**
 * Writes the scope matrix into the cloud assembly, as {@code <path>.scope-matrix.md} and
 * {@code <path>.scope-matrix.json}, where {@code <path>} is the construct's path with {@code .} between its ids.
 *
 * <p>Each file is written whole under a new random name in the same directory, then renamed over the old one,
 * so a reader never sees half a file, and a link another user of the build host planted under the name is
 * replaced, never followed.
 */
public final class ScopeMatrixFiles {

    static final String MARKDOWN_SUFFIX = ".scope-matrix.md";
    static final String JSON_SUFFIX = ".scope-matrix.json";
    /** Well below the 255 bytes most file systems allow in a name, suffix included. */
    static final int MAX_BASE_NAME_LENGTH = 200;

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

    private static void replace(Path directory, String name, String text) throws IOException {
        Path written = Files.createTempFile(directory, ".scope-matrix-", ".tmp");
        try {
            Files.writeString(written, text, StandardCharsets.UTF_8);
            PosixFileAttributeView posix = Files.getFileAttributeView(written, PosixFileAttributeView.class);
            if (posix != null) {
                // Not secret, and read by reviewers' tools: readable as the cloud assembly's other files are.
                posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(written, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
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
