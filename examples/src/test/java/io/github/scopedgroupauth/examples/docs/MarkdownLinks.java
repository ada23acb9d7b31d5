package io.github.scopedgroupauth.examples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links of Markdown files and tells which point nowhere: at a file that does not exist, or
 * at a {@code #anchor} that is not the GitHub slug of a heading of the target Markdown file.
 *
 * <p>A link is an inline link or image, {@code [text](target "title")}, or a reference definition,
 * {@code [id]: target} (not a footnote, {@code [^1]: text}), outside fenced code blocks, inline code and HTML
 * comments. Targets with a scheme ({@code https:}, {@code mailto:}) are not checked; {@code /path} is relative
 * to the repository root, as on GitHub. Anchors are checked in Markdown targets only (GitHub's {@code #L10}
 * line anchors in code files are not headings). Headings are ATX headings ({@code ## Title}), the only kind
 * these docs use.
 *
 * <pre>{@code
 * for (MarkdownLinks.Link link : MarkdownLinks.linksIn(root.resolve("README.md"))) {
 *     MarkdownLinks.problemWith(root, link).ifPresent(problems::add);
 * }
 * }</pre>
 */
final class MarkdownLinks {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?!`)[\\s\\S]*?(?<!`)\\1(?!`)");
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--[\\s\\S]*?-->");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]"
            + "\\(\\s*(<[^>\\n]*>|[^\\s)]+)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION =
            Pattern.compile("(?m)^ {0,3}\\[(?!\\^)[^\\]\\n]+\\]:[ \\t]*(<[^>\\n]*>|\\S+)");
    private static final Pattern SCHEME = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern LINK_IN_HEADING = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");
    /** What github-slugger keeps: letters, marks, digits, connector punctuation such as {@code _}, {@code -}, space. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    private MarkdownLinks() {}

    /**
     * A link as written in a Markdown file.
     *
     * @param file the Markdown file that contains the link
     * @param line the 1-based line on which the link starts
     * @param target the link's target as written, without angle brackets or title
     */
    record Link(Path file, int line, String target) {}

    /**
     * Returns the links of a Markdown file, in order, including those with a scheme.
     *
     * @param file a UTF-8 Markdown file
     * @return the links outside code and comments; empty if there are none
     * @throws IOException if the file cannot be read
     */
    static List<Link> linksIn(Path file) throws IOException {
        String text = withoutCode(Files.readString(file, UTF_8));
        List<Link> links = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String target = matcher.group(1).replaceAll("^<|>$", "");
                links.add(new Link(file, lineAt(text, matcher.start()), target));
            }
        }
        links.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return List.copyOf(links);
    }

    /**
     * Checks where a link points.
     *
     * @param root the repository root; links may not leave it
     * @param link a link of a Markdown file under {@code root}
     * @return empty if the link has a scheme or points at an existing file (and heading); otherwise the problem,
     *     as {@code "<file>:<line>: <target>: <what is wrong>"}
     * @throws IOException if the target Markdown file cannot be read
     */
    static Optional<String> problemWith(Path root, Link link) throws IOException {
        String target = link.target();
        if (SCHEME.matcher(target).find()) {
            return Optional.empty();
        }
        int hash = target.indexOf('#');
        String path = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
        Path normalRoot = root.toAbsolutePath().normalize();
        Path resolved = path.isEmpty()
                ? link.file()
                : path.startsWith("/")
                        ? normalRoot.resolve(path.substring(1))
                        : link.file().toAbsolutePath().getParent().resolve(path);
        resolved = resolved.toAbsolutePath().normalize();
        String where = String.format("%s:%d: %s: ", relative(normalRoot, link.file()), link.line(), target);
        if (!resolved.startsWith(normalRoot)) {
            return Optional.of(where + "points outside the repository");
        }
        if (!Files.exists(resolved)) {
            return Optional.of(where + "no such file " + relative(normalRoot, resolved));
        }
        if (anchor == null
                || Files.isDirectory(resolved)
                || !resolved.toString().endsWith(".md")) {
            return Optional.empty();
        }
        if (!anchorsIn(Files.readString(resolved, UTF_8)).contains(anchor)) {
            return Optional.of(
                    where + "no heading of " + relative(normalRoot, resolved) + " has the anchor '" + anchor + "'");
        }
        return Optional.empty();
    }

    /**
     * Returns the anchors GitHub gives the headings of a Markdown text: each heading's slug, with {@code -1},
     * {@code -2}, ... appended to the second and later headings of the same slug.
     *
     * @param markdown the text of a Markdown file
     * @return the anchors in heading order; headings in fenced code blocks do not count
     */
    static Set<String> anchorsIn(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutCodeBlocks(markdown).split("\n", -1)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /**
     * Returns the GitHub slug of a heading: the text as rendered (links and images by their text, no code
     * backticks, emphasis asterisks or HTML tags), in lower case, without punctuation and symbols, with each
     * space replaced by a hyphen.
     *
     * <pre>{@code
     * slug("The variable `SCOPED_GROUP_AUTH_CLIENTS`")  // "the-variable-scoped_group_auth_clients"
     * }</pre>
     *
     * @param headingText the heading's Markdown text, without the leading {@code #}s
     * @return the slug; empty for a heading without letters or digits
     */
    static String slug(String headingText) {
        String text = LINK_IN_HEADING.matcher(headingText).replaceAll("$1");
        text = HTML_TAG.matcher(text)
                .replaceAll("")
                .replace("`", "")
                .replace("*", "")
                .strip();
        return NOT_IN_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    private static String withoutCode(String markdown) {
        String text = blank(INLINE_CODE, withoutCodeBlocks(markdown));
        return blank(HTML_COMMENT, text);
    }

    /** Blanks fenced code blocks, keeping every line (and so every line number). */
    private static String withoutCodeBlocks(String markdown) {
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher opening = FENCE.matcher(lines[i]);
            if (fence == null && opening.find()) {
                fence = opening.group(1);
                lines[i] = "";
            } else if (fence != null) {
                String trimmed = lines[i].strip();
                char fenceChar = fence.charAt(0);
                if (trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fenceChar)) {
                    fence = null;
                }
                lines[i] = "";
            }
        }
        return String.join("\n", lines);
    }

    /** Replaces every match with spaces, keeping line breaks, so that offsets and line numbers stay. */
    private static String blank(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder result = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(result, matcher.group().replaceAll("[^\\n]", " "));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static int lineAt(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String decode(String part) {
        return part.contains("%") ? URLDecoder.decode(part.replace("+", "%2B"), UTF_8) : part;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
