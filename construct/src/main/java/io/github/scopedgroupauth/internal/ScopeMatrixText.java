package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopeMatrix;
import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a {@link ScopeMatrix} as Markdown and as JSON for review: stable order, one group per line, so that a
 * change of access is a change of the lines of the groups it concerns.
 */
public final class ScopeMatrixText {

    private static final String NONE = "none";

    private ScopeMatrixText() {}

    /**
     * The Markdown document: a table of groups by clients, then one of the client credentials clients.
     *
     * @param matrix the matrix
     * @return the text, ending with a line break
     */
    public static String markdown(ScopeMatrix matrix) {
        StringBuilder text = new StringBuilder()
                .append("# Scope matrix of ")
                .append(code(matrix.getConstructPath()))
                .append("\n\n")
                .append(
                        "Written by ScopedGroupAuth at synthesis; do not edit. Each cell lists the managed scopes in the")
                .append(" access token of a member of the row's group who signs in through the column's app client,")
                .append(" whatever scopes were requested. A user in several groups gets the union of their rows;")
                .append(" scopes no group or default names are left as requested.\n");
        List<String> clients = matrix.getClients();
        if (!clients.isEmpty()) {
            text.append('\n');
            row(text, "Group", clients, ScopeMatrixText::clientHeading);
            row(text, "---", clients, client -> "---");
            row(text, "(no group)", clients, client -> scopes(matrix.scopesWithoutGroup(client)));
            for (String group : matrix.getGroups()) {
                row(text, code(group), clients, client -> scopes(matrix.scopes(client, group)));
            }
        }
        List<String> machines = matrix.getMachineClients();
        if (!machines.isEmpty()) {
            text.append("\n## Client credentials clients\n\n")
                    .append(
                            "No user and no group: their tokens may carry every managed scope the client allows, granted or")
                    .append(" listed by the client itself.\n\n")
                    .append("| Client | Scopes |\n")
                    .append("| --- | --- |\n");
            for (String client : machines) {
                text.append("| ")
                        .append(code(client))
                        .append(" | ")
                        .append(scopes(matrix.machineScopes(client)))
                        .append(" |\n");
            }
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String first, List<String> clients, Function<String, String> cell) {
        text.append("| ").append(first);
        clients.forEach(client -> text.append(" | ").append(cell.apply(client)));
        text.append(" |\n");
    }

    private static String clientHeading(String client) {
        return ScopeMatrix.ANY_CLIENT.equals(client) ? "Any client (none granted)" : code(client);
    }

    private static String scopes(List<String> scopes) {
        if (scopes.isEmpty()) {
            return NONE;
        }
        StringBuilder cell = new StringBuilder();
        for (String scope : scopes) {
            cell.append(cell.length() == 0 ? "" : " ").append(code(scope));
        }
        return cell.toString();
    }

    /**
     * A Markdown code span that shows the text as it is, even with backticks or a {@code |} inside a table: the
     * fence is one backtick longer than the longest run in the text, and {@code |} is escaped for the table.
     */
    static String code(String value) {
        String text = visible(value);
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + padding + text.replace("|", "\\|") + padding + fence;
    }

    /**
     * The text with each invisible or line-breaking character escaped as {@link Printable} does, but read by code
     * point: a character beyond the Basic Multilingual Plane, such as an emoji, which group names may contain,
     * stays as it is, rather than showing as the escapes of its two halves, which a group named by those very
     * escapes would show too.
     */
    private static String visible(String value) {
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(point -> {
            if (Character.isSupplementaryCodePoint(point) && isShown(point)) {
                text.appendCodePoint(point);
            } else {
                text.append(Printable.escape(new String(Character.toChars(point))));
            }
        });
        return text.toString();
    }

    private static boolean isShown(int point) {
        int type = Character.getType(point);
        return type != Character.FORMAT && type != Character.PRIVATE_USE && type != Character.UNASSIGNED;
    }

    /**
     * The JSON document: the construct, the groups, each sign-in client's scopes per group and without a group,
     * and each client credentials client's scopes.
     *
     * @param matrix the matrix
     * @return the text, ending with a line break
     */
    public static String json(ScopeMatrix matrix) {
        StringBuilder text = new StringBuilder("{\n");
        text.append("  \"construct\": ")
                .append(quote(matrix.getConstructPath()))
                .append(",\n");
        text.append("  \"groups\": ").append(list(matrix.getGroups())).append(",\n");
        text.append("  \"clients\": {");
        List<String> clients = matrix.getClients();
        for (int c = 0; c < clients.size(); c++) {
            String client = clients.get(c);
            text.append(c == 0 ? "\n" : ",\n")
                    .append("    ")
                    .append(quote(client))
                    .append(": {\n")
                    .append("      \"noGroup\": ")
                    .append(list(matrix.scopesWithoutGroup(client)))
                    .append(",\n")
                    .append("      \"groups\": {");
            List<String> groups = matrix.getGroups();
            for (int g = 0; g < groups.size(); g++) {
                text.append(g == 0 ? "\n" : ",\n")
                        .append("        ")
                        .append(quote(groups.get(g)))
                        .append(": ")
                        .append(list(matrix.scopes(client, groups.get(g))));
            }
            text.append(groups.isEmpty() ? "}\n" : "\n      }\n").append("    }");
        }
        text.append(clients.isEmpty() ? "},\n" : "\n  },\n");
        text.append("  \"machineClients\": {");
        List<String> machines = matrix.getMachineClients();
        for (int m = 0; m < machines.size(); m++) {
            text.append(m == 0 ? "\n" : ",\n")
                    .append("    ")
                    .append(quote(machines.get(m)))
                    .append(": ")
                    .append(list(matrix.machineScopes(machines.get(m))));
        }
        text.append(machines.isEmpty() ? "}\n" : "\n  }\n");
        return text.append("}\n").toString();
    }

    private static String list(List<String> values) {
        StringBuilder text = new StringBuilder("[");
        for (String value : values) {
            text.append(text.length() == 1 ? "" : ", ").append(quote(value));
        }
        return text.append(']').toString();
    }

    /** A JSON string; besides quote and backslash, every control character is escaped. */
    static String quote(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.append('"').toString();
    }
}
