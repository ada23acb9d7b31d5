package io.github.scopedgroupauth.runtime.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of one table in docs/reliability.md: the table under a given heading, code spans unwrapped. */
final class CatalogueTable {

    static final Path DOCUMENT = Path.of("..", "docs", "reliability.md");

    private CatalogueTable() {}

    /** The body rows of the first table after {@code heading}, each as its cells. */
    static List<List<String>> rows(String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError(DOCUMENT + " has no heading '" + heading + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("|")) {
                if (inTable && !line.startsWith("| ---")) {
                    rows.add(cells(line));
                }
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0));
        return Arrays.stream(inner.split(" \\| ")).map(CatalogueTable::unwrap).toList();
    }

    /** The text of a cell, without the code span around it ({@code `x`} or {@code `` x ``}). */
    private static String unwrap(String cell) {
        String text = cell.strip();
        if (text.startsWith("`` ") && text.endsWith(" ``")) {
            return text.substring(3, text.length() - 3);
        }
        if (text.length() > 1 && text.startsWith("`") && text.endsWith("`")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
