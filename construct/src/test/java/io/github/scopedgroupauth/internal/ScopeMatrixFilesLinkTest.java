package io.github.scopedgroupauth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scope matrix files replace whatever is at their names and never write through a link. */
class ScopeMatrixFilesLinkTest {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path directory;

    @TempDir
    Path elsewhere;

    private Path victim;

    @BeforeEach
    void plantVictim() throws IOException {
        victim = Files.writeString(elsewhere.resolve("victim"), "the victim's own text\n");
        Files.setPosixFilePermissions(victim, OWNER_ONLY);
    }

    @AfterEach
    void removeHook() {
        ScopeMatrixFiles.beforeWrite(path -> {});
    }

    @Test
    void neverWritesThroughALink_swappedForTheNewFileBeforeItIsWritten() {
        ScopeMatrixFiles.beforeWrite(ScopeMatrixFilesLinkTest.this::swapForLinkToVictim);

        assertThatThrownBy(() -> ScopeMatrixFiles.replace(directory, "Stack.Auth.scope-matrix.json", "{}\n"))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith(" was replaced by something other than the file just written");

        assertVictimUnchanged();
        assertThat(directory.resolve("Stack.Auth.scope-matrix.json")).doesNotExist();
        assertThat(Files.isSymbolicLink(directory.resolve("Stack.Auth.scope-matrix.json")))
                .isFalse();
        assertThat(entries(directory)).isEmpty();
    }

    @Test
    void replacesALinkPlantedAtTheName_withARegularFile() throws IOException {
        Path name = directory.resolve("Stack.Auth.scope-matrix.json");
        Files.createSymbolicLink(name, victim);

        ScopeMatrixFiles.replace(directory, "Stack.Auth.scope-matrix.json", "{}\n");

        assertVictimUnchanged();
        assertThat(Files.isRegularFile(name, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(name)).isEqualTo("{}\n");
        assertThat(Files.getPosixFilePermissions(name, LinkOption.NOFOLLOW_LINKS))
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
                .isSubsetOf(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(entries(directory)).containsExactly(name);
    }

    @Test
    void writesInAPrivateDirectory_thatNoOtherUserCanEnter() throws IOException {
        ScopeMatrixFiles.beforeWrite(path -> {
            try {
                assertThat(Files.getPosixFilePermissions(path.getParent(), LinkOption.NOFOLLOW_LINKS))
                        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
                assertThat(path.getParent().getParent()).isEqualTo(directory);
                assertThat(path.getParent().getFileName().toString()).startsWith(ScopeMatrixFiles.TEMPORARY_PREFIX);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        ScopeMatrixFiles.replace(directory, "Stack.Auth.scope-matrix.md", "# Scope matrix\n");

        assertThat(Files.readString(directory.resolve("Stack.Auth.scope-matrix.md")))
                .isEqualTo("# Scope matrix\n");
    }

    private void swapForLinkToVictim(Path created) {
        try {
            Files.delete(created);
            Files.createSymbolicLink(created, victim);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertVictimUnchanged() {
        try {
            assertThat(Files.readString(victim, StandardCharsets.UTF_8)).isEqualTo("the victim's own text\n");
            assertThat(Files.getPosixFilePermissions(victim)).isEqualTo(OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.List<Path> entries(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
