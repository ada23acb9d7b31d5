package io.github.scopedgroupauth.examples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command of {@code docs/api.md} that checks in CI that the committed scope matrix is the one the app writes:
 * it fails outside git and on a changed, new or removed matrix, and passes with other untracked files.
 */
class ScopeMatrixCheckCommandTest {

    /** Set by the examples module's surefire configuration. */
    private static final String ROOT_PROPERTY = "scopedgroupauth.repositoryRoot";

    private static final Pattern SH_BLOCK = Pattern.compile("(?m)^```sh\\n([\\s\\S]*?)^```$");
    private static final String MATRIX = "| Group | `S/Pool/Web` |\n| --- | --- |\n| `ADMINS` | `admin/*` |\n";

    @TempDir
    Path app;

    private String command;

    @BeforeEach
    void commandOfTheApiDoc() throws IOException {
        String api = Files.readString(Path.of(System.getProperty(ROOT_PROPERTY, ".."), "docs", "api.md"), UTF_8);
        Matcher block = SH_BLOCK.matcher(api);
        while (command == null && block.find()) {
            if (block.group(1).contains("scope-matrix")) {
                command = block.group(1);
            }
        }
        assertThat(command)
                .as("the sh block of docs/api.md that copies the scope matrix")
                .isNotNull();
        write("cdk.out/S.Auth.scope-matrix.md", MATRIX);
        write("cdk.out/S.Auth.scope-matrix.json", "{}\n");
    }

    @Test
    void fails_outsideAGitWorkTree() throws Exception {
        assertThat(run(command)).isNotZero();
    }

    @Test
    void passes_whenTheCommittedCopyIsCurrent_whateverElseIsUntracked() throws Exception {
        committedCopy();
        write("notes.txt", "not for the repository\n");

        assertThat(run(command)).isZero();
    }

    @Test
    void fails_whenAMatrixChanged_appeared_orIsGone() throws Exception {
        committedCopy();
        write("cdk.out/S.Auth.scope-matrix.md", MATRIX.replace("admin/*", "admin/* everyone/*"));
        assertThat(run(command)).isEqualTo(1);

        committedCopy();
        write("cdk.out/S.Other.scope-matrix.md", MATRIX);
        assertThat(run(command)).isEqualTo(1);

        committedCopy();
        Files.delete(app.resolve("cdk.out/S.Other.scope-matrix.md"));
        assertThat(run(command)).isEqualTo(1);
    }

    private void committedCopy() throws Exception {
        if (!Files.isDirectory(app.resolve(".git"))) {
            assertThat(run("git init -q .")).isZero();
        }
        assertThat(run("rm -rf access && mkdir access && cp cdk.out/*.scope-matrix.* access/ && git add -A access/"
                        + " && git -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m matrix"))
                .isZero();
    }

    private int run(String script) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        bash.environment().put("GIT_CEILING_DIRECTORIES", app.getParent().toString());
        Process process = bash.start();
        try {
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    private void write(String path, String content) throws IOException {
        Path file = app.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }
}
