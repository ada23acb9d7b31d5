package io.github.scopedgroupauth.examples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The relative links and anchors of {@code README.md}, {@code CHANGELOG.md}, {@code CONTRIBUTING.md},
 * {@code SECURITY.md} and {@code docs/*.md} point at existing files and headings; and the check itself finds
 * what is broken.
 */
class MarkdownLinksTest {

    /** Set by the examples module's surefire configuration. */
    private static final String ROOT_PROPERTY = "scopedgroupauth.repositoryRoot";

    @TempDir
    Path repo;

    @Test
    void repositoryDocs_haveNoBrokenRelativeLinksOrAnchors() throws IOException {
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, ".."))
                .toAbsolutePath()
                .normalize();
        List<Path> files = new ArrayList<>(List.of(
                root.resolve("README.md"),
                root.resolve("CHANGELOG.md"),
                root.resolve("CONTRIBUTING.md"),
                root.resolve("SECURITY.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        }

        List<MarkdownLinks.Link> links = new ArrayList<>();
        for (Path file : files) {
            links.addAll(MarkdownLinks.linksIn(file));
        }
        List<String> problems = problems(root, links);

        assertThat(files).hasSizeGreaterThan(2);
        assertThat(links).extracting(MarkdownLinks.Link::target).anyMatch(target -> target.contains("#"));
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsMissingFile_withFileLineAndTarget() throws IOException {
        write("README.md", "# Title\n\nSee\n[the guide](docs/guide.md) and [the API](docs/api.md#usage).\n");

        assertThat(problems("README.md"))
                .containsExactly(
                        "README.md:4: docs/guide.md: no such file docs/guide.md",
                        "README.md:4: docs/api.md#usage: no such file docs/api.md");
    }

    @Test
    void reportsAnchorWithoutHeading_inAnotherFileAndInTheSameFile() throws IOException {
        write("docs/ops.md", "# Operations\n\n## Troubleshooting\n\n**A scope is missing.** Check the group.\n");
        write(
                "docs/api.md",
                "# API\n\n## Options\n\nSee [Operations](ops.md#a-scope-is-missing) and\n" + "[options](#option).\n");

        assertThat(problems("docs/api.md"))
                .containsExactly(
                        "docs/api.md:5: ops.md#a-scope-is-missing: "
                                + "no heading of docs/ops.md has the anchor 'a-scope-is-missing'",
                        "docs/api.md:6: #option: no heading of docs/api.md has the anchor 'option'");
    }

    @Test
    void reportsLinkThatLeavesTheRepository() throws IOException {
        write("docs/api.md", "# API\n\n[outside](../../elsewhere.md)\n");

        assertThat(problems("docs/api.md"))
                .containsExactly("docs/api.md:3: ../../elsewhere.md: points outside the repository");
    }

    @Test
    void acceptsExistingFilesHeadingsDirectoriesAndRootRelativeLinks() throws IOException {
        write("CHANGELOG.md", "# Changelog\n");
        write("docs/ops.md", "# Operations\n\n## At sign-in\n\n### Notes\n\n## At sign-in\n\n### Notes\n");
        write(
                "README.md",
                "# Read me\n\n## The variable `SCOPED_GROUP_AUTH_CLIENTS`\n\n"
                        + "[ops](docs/ops.md#at-sign-in), [again](docs/ops.md#at-sign-in-1 \"title\"),\n"
                        + "[notes](<docs/ops.md#notes-1>), ![dir](docs/), [root](/CHANGELOG.md),\n"
                        + "[self](#the-variable-scoped_group_auth_clients), [web](https://example.com/missing.md#x),\n"
                        + "[mail](mailto:someone@example.com)\n\n[ref]: docs/ops.md#operations\n");

        List<MarkdownLinks.Link> links = MarkdownLinks.linksIn(repo.resolve("README.md"));

        assertThat(links)
                .extracting(MarkdownLinks.Link::target)
                .containsExactly(
                        "docs/ops.md#at-sign-in",
                        "docs/ops.md#at-sign-in-1",
                        "docs/ops.md#notes-1",
                        "docs/",
                        "/CHANGELOG.md",
                        "#the-variable-scoped_group_auth_clients",
                        "https://example.com/missing.md#x",
                        "mailto:someone@example.com",
                        "docs/ops.md#operations");
        assertThat(problems(repo, links)).isEmpty();
    }

    @Test
    void ignoresLinkLikeTextInCodeBlocksInlineCodeAndComments() throws IOException {
        write(
                "README.md",
                "# Read me\n\n```java\nlist[0](missing.md)\n```\n\n~~~\n[a](missing.md)\n~~~\n\n"
                        + "Call `map[key](missing.md)` or ``[b](missing.md)``.\n\n<!-- [c](missing.md) -->\n\n"
                        + "[real](missing.md)\n\n[^1]: A footnote, not a link.\n");

        assertThat(problems("README.md")).containsExactly("README.md:15: missing.md: no such file missing.md");
    }

    @Test
    void headingsInCodeBlocks_haveNoAnchor() {
        String markdown = "# Configuration\n\n```\n# Written by the construct\n```\n\n## Grammar\n";

        assertThat(MarkdownLinks.anchorsIn(markdown)).containsExactly("configuration", "grammar");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Cold start and SnapStart                   | cold-start-and-snapstart
            `ScopePolicy` as an offline evaluator      | scopepolicy-as-an-offline-evaluator
            The variable `SCOPED_GROUP_AUTH_CLIENTS`   | the-variable-scoped_group_auth_clients
            Properties (`ScopedGroupAuth`, `ScopePlan`) | properties-scopedgroupauth-scopeplan
            Try it: the two commands                   | try-it-the-two-commands
            Group → scope                              | group--scope
            **Bold** and [a link](other.md) heading    | bold-and-a-link-heading
            The file `scoped-group-auth.conf`          | the-file-scoped-group-authconf
            [Unreleased]                               | unreleased
            """)
    void slug_isGitHubsHeadingAnchor(String heading, String expected) {
        assertThat(MarkdownLinks.slug(heading)).isEqualTo(expected);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }

    private List<String> problems(String path) throws IOException {
        return problems(repo, MarkdownLinks.linksIn(repo.resolve(path)));
    }

    private static List<String> problems(Path root, List<MarkdownLinks.Link> links) throws IOException {
        List<String> problems = new ArrayList<>();
        for (MarkdownLinks.Link link : links) {
            MarkdownLinks.problemWith(root, link).ifPresent(problems::add);
        }
        return problems;
    }
}
