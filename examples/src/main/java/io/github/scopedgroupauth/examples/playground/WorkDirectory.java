package io.github.scopedgroupauth.examples.playground;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The playground's private run directory: a new directory with a random name, readable by its owner only, under
 * the work directory (the build's {@code target/playground}), which must not be a symbolic link. Deleted when the
 * playground stops, without following links inside it.
 */
final class WorkDirectory {

    private WorkDirectory() {}

    /**
     * Creates a run directory.
     *
     * @param workDirectory the parent, created when missing
     * @throws IllegalArgumentException if the parent is a symbolic link: another user could have pointed it at a
     *     directory of theirs
     */
    static Path create(Path workDirectory) throws IOException {
        Path parent = workDirectory.toAbsolutePath().normalize();
        refuseLink(parent);
        Files.createDirectories(parent);
        refuseLink(parent);
        // createTempDirectory makes it owner-only (rwx------) on POSIX file systems and fails if the name exists.
        return Files.createTempDirectory(parent, "run-");
    }

    private static void refuseLink(Path directory) {
        if (Files.isSymbolicLink(directory)
                || Files.exists(directory) && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("`playground.workDirectory` " + directory + " is a symbolic link or"
                    + " not a directory; remove it, or choose a directory of your own");
        }
    }

    /** Deletes the directory and everything in it; links are deleted, not followed. */
    static void delete(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("playground: could not delete all of " + directory + ": " + e);
        }
    }
}
