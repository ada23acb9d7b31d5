package io.github.scopedgroupauth.examples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of {@code README.md} and {@code docs/*.md} compiles, and every one that states a
 * result runs and holds; and the check itself finds what is broken, with the file and line.
 */
class JavaBlocksTest {

    /** Set by the examples module's surefire configuration. */
    private static final String ROOT_PROPERTY = "scopedgroupauth.repositoryRoot";

    @TempDir
    Path temp;

    private Path repo;
    private Path classes;

    @BeforeEach
    void directories() throws IOException {
        repo = Files.createDirectory(temp.resolve("repo"));
        classes = Files.createDirectory(temp.resolve("classes"));
    }

    @Test
    void repositoryDocs_javaBlocksCompile_andTheirStatedResultsHold() throws IOException {
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, ".."))
                .toAbsolutePath()
                .normalize();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        }

        List<JavaBlocks.Block> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            List<JavaBlocks.Block> blocks = JavaBlocks.blocksIn(file);
            all.addAll(blocks);
            Path output = Files.createDirectories(classes.resolve(root.relativize(file) + ".classes"));
            problems.addAll(JavaBlockCheck.problems(root, blocks, output));
        }

        assertThat(all).hasSizeGreaterThan(10).anyMatch(JavaBlocks.Block::asserts);
        assertThat(all)
                .filteredOn(block -> block.optOut().isPresent())
                .allSatisfy(block -> assertThat(block.optOut().orElseThrow())
                        .as("the reason of the opt-out at %s", block.where(root, 0))
                        .isNotBlank());
        assertThat(problems)
                .as("the java blocks of the docs; see CONTRIBUTING.md, \"Java in the docs\"")
                .isEmpty();
    }

    @Test
    void reportsBlockThatDoesNotCompile_withFileAndMarkdownLine() throws IOException {
        write("docs/api.md", "# API\n\nText.\n\n```java\nauth.grant(web);\nauth.grnt(web);\n```\n");

        List<String> problems = problems("docs/api.md");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .startsWith("docs/api.md:7: the java block at line 5 does not compile: cannot find symbol");
    }

    @Test
    void reportsStatedResultThatDoesNotHold_withTheBlocksLine() throws IOException {
        write(
                "README.md",
                "# Read me\n\n```java\nScopeMatrix matrix = auth.scopeMatrix();\n"
                        + "assertEquals(List.of(\"admin/*\"), matrix.scopes(\"MyStack/UserPool/WebClient\", \"ADMINS\"));\n"
                        + "assertEquals(List.of(), matrix.scopes(\"MyStack/UserPool/WebClient\", \"EVERYONE\"));\n```\n");

        assertThat(problems("README.md"))
                .containsExactly("README.md:3: the java block fails when run: "
                        + "org.opentest4j.AssertionFailedError: expected: <[]> but was: <[everyone/*]>");
    }

    @Test
    void runsTheTestMethodsOfACompilationUnit() throws IOException {
        write(
                "docs/how.md",
                "# How\n\n```java\npackage com.example;\n\nimport static org.junit.jupiter.api.Assertions.assertTrue;\n\n"
                        + "import org.junit.jupiter.api.Test;\n\nclass PolicyTest {\n    @Test\n"
                        + "    void holds() {\n        assertTrue(false, \"the policy\");\n    }\n}\n```\n");

        assertThat(problems("docs/how.md"))
                .containsExactly("docs/how.md:3: the java block fails when run: "
                        + "org.opentest4j.AssertionFailedError: the policy ==> expected: <true> but was: <false>");
    }

    @Test
    void compilesUnitsOfOneFileTogether_andSkipsBlocksThatOptOut() throws IOException {
        write(
                "docs/how.md",
                "# How\n\n```java\npackage com.example;\n\npublic final class Names {\n"
                        + "    public static final String ADMINS = \"ADMINS\";\n}\n```\n\n"
                        + "```java\npackage com.example;\n\nclass Uses {\n    String admins = Names.ADMINS;\n}\n```\n\n"
                        + "<!-- not compiled: an excerpt -->\n```java\n.userPool(pool)\n```\n\n```xml\n<a/>\n```\n");

        List<JavaBlocks.Block> blocks = JavaBlocks.blocksIn(repo.resolve("docs/how.md"));

        assertThat(blocks).extracting(JavaBlocks.Block::line).containsExactly(3, 11, 20);
        assertThat(blocks).extracting(JavaBlocks.Block::isUnit).containsExactly(true, true, false);
        assertThat(blocks.get(2).optOut()).contains("an excerpt");
        assertThat(problems("docs/how.md")).isEmpty();
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }

    private List<String> problems(String path) throws IOException {
        return JavaBlockCheck.problems(repo, JavaBlocks.blocksIn(repo.resolve(path)), classes);
    }
}
