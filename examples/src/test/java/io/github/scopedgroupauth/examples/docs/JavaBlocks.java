package io.github.scopedgroupauth.examples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the fenced {@code java} code blocks of a Markdown file and tells what kind each is.
 *
 * <p>A block whose first code line starts with {@code package} or {@code import} is a compilation unit and is
 * compiled as written. Any other block is a list of statements, compiled as the body of a method of a
 * {@link DocsPreamble} subclass. A block opts out with an HTML comment on the line right before its fence,
 * {@code <!-- not compiled: <why> -->}.
 *
 * <pre>{@code
 * for (JavaBlocks.Block block : JavaBlocks.blocksIn(root.resolve("docs/api.md"))) { ... }
 * }</pre>
 */
final class JavaBlocks {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})[ \\t]*([^`\\s]*).*$");
    private static final Pattern OPT_OUT = Pattern.compile("^\\s*<!--\\s*not compiled:(.*?)-->\\s*$");
    private static final Pattern UNIT_START = Pattern.compile("^\\s*(package|import)\\s");
    /** A JUnit assertion as a statement: {@code assertEquals(...)}, {@code assertThrows(...)}. */
    private static final Pattern ASSERTION = Pattern.compile("(?m)^\\s*assert[A-Z]\\w*\\(");

    private JavaBlocks() {}

    /**
     * A fenced {@code java} block as written in a Markdown file.
     *
     * @param file the Markdown file
     * @param line the 1-based line of the block's opening fence
     * @param code the code between the fences, each line ending with a line break
     * @param optOut the reason given by a {@code not compiled} comment right before the fence, if any; may be empty
     *     when the comment gives none
     */
    record Block(Path file, int line, String code, Optional<String> optOut) {

        /**
         * Whether the block is a compilation unit rather than statements.
         *
         * @return true if its first code line is a {@code package} or {@code import} declaration
         */
        boolean isUnit() {
            return code.lines()
                    .filter(text -> !text.isBlank() && !text.strip().startsWith("//"))
                    .findFirst()
                    .map(text -> UNIT_START.matcher(text).find())
                    .orElse(false);
        }

        /**
         * Whether the block states a result that the check runs: statements with a JUnit assertion. (A unit
         * states its results in {@code @Test} methods.)
         *
         * @return true if the statements call {@code assert...(...)}
         */
        boolean asserts() {
            return !isUnit() && ASSERTION.matcher(code).find();
        }

        /**
         * Where the block is, for messages.
         *
         * @param root the repository root
         * @param codeLine the 1-based line within the code, or 0 for the block itself
         * @return {@code <file relative to root>:<line in the Markdown file>}
         */
        String where(Path root, long codeLine) {
            String relative = root.toAbsolutePath()
                    .normalize()
                    .relativize(file.toAbsolutePath().normalize())
                    .toString()
                    .replace('\\', '/');
            return relative + ":" + (line + codeLine);
        }
    }

    /**
     * Returns the {@code java} blocks of a Markdown file, in order; blocks of other languages are skipped.
     *
     * @param file a UTF-8 Markdown file
     * @return the blocks, with opted-out ones marked
     * @throws IOException if the file cannot be read
     */
    static List<Block> blocksIn(Path file) throws IOException {
        String[] lines = Files.readString(file, UTF_8).replace("\r\n", "\n").split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Matcher opening = FENCE.matcher(lines[i]);
            if (!opening.matches()) {
                i++;
                continue;
            }
            String fence = opening.group(1);
            int start = i;
            StringBuilder code = new StringBuilder();
            i++;
            while (i < lines.length && !closes(lines[i], fence)) {
                code.append(lines[i]).append('\n');
                i++;
            }
            i++;
            if (opening.group(2).equals("java")) {
                blocks.add(new Block(file, start + 1, code.toString(), optOut(start == 0 ? "" : lines[start - 1])));
            }
        }
        return List.copyOf(blocks);
    }

    private static boolean closes(String line, String fence) {
        String trimmed = line.strip();
        return trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static Optional<String> optOut(String previousLine) {
        Matcher comment = OPT_OUT.matcher(previousLine);
        return comment.matches() ? Optional.of(comment.group(1).strip()) : Optional.empty();
    }
}
