package io.github.scopedgroupauth.examples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code npx} command of the repository that runs the CDK CLI says {@code -y}: without it, npx on an empty
 * cache asks before it installs the package, and in a non-interactive shell it gives up ("npx canceled due to
 * missing packages and no YES option").
 */
class NpxCommandsTest {

    /** Set by the examples module's surefire configuration. */
    private static final String ROOT_PROPERTY = "scopedgroupauth.repositoryRoot";

    private static final Pattern NPX_CDK = Pattern.compile("\\bnpx((?:\\s+-[-\\w]+)*)\\s+aws-cdk\\b");
    private static final Set<String> YES = Set.of("-y", "--yes");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", "cdk.out", ".git");
    private static final Pattern TEXT_FILE = Pattern.compile(".*\\.(md|sh|java|js|json|groovy|properties|xml|html)");

    @TempDir
    Path repo;

    @Test
    void repository_runsTheCdkCliOnlyWithNpxYes() throws IOException {
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, ".."))
                .toAbsolutePath()
                .normalize();

        assertThat(withoutYes(root)).isEmpty();
    }

    @Test
    void reportsNpxWithoutYes_withFileAndLine() throws IOException {
        String npx = "npx";
        write("README.md", "# Read me\n\n```sh\n" + npx + " aws-cdk@2 deploy\n" + npx + " -y aws-cdk@2 synth\n```\n");
        write("examples/deploy.sh", "#!/bin/sh\n" + npx + " --yes aws-cdk@2 deploy\n" + npx + " -q aws-cdk@2 diff\n");
        write("examples/target/copied.md", npx + " aws-cdk@2 deploy\n");

        assertThat(withoutYes(repo))
                .containsExactly(
                        "README.md:4: " + npx + " aws-cdk: write npx -y aws-cdk",
                        "examples/deploy.sh:3: " + npx + " -q aws-cdk: write npx -y aws-cdk");
    }

    private static List<String> withoutYes(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                return !directory.equals(root)
                                && SKIPPED_DIRECTORIES.contains(
                                        directory.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()
                        && TEXT_FILE.matcher(file.getFileName().toString()).matches()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<String> problems = new ArrayList<>();
        for (Path file : files.stream().sorted().toList()) {
            problems.addAll(withoutYes(root, file));
        }
        return problems;
    }

    private static List<String> withoutYes(Path root, Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher npx = NPX_CDK.matcher(lines.get(i));
            while (npx.find()) {
                if (Stream.of(npx.group(1).strip().split("\\s+")).noneMatch(YES::contains)) {
                    problems.add(root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1) + ": "
                            + npx.group() + ": write npx -y aws-cdk");
                }
            }
        }
        return problems;
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }
}
