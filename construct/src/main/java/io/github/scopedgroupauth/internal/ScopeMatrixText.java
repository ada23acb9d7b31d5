package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Writes a scope matrix as Markdown and as JSON for review: stable order, one group per line, so that a change
 * of access is a change of the lines of the groups it concerns.
 */
public final class ScopeMatrixText {

    /** The one client of a matrix without grants: every app client of the pool. */
    public static final String ANY_CLIENT = "*";

    private static final String NONE = "none";

    private ScopeMatrixText() {}

    /**
     * What the template of the construct's stack holds that identifies the matrix's configuration, since the
     * matrix is written before the template and cannot hold the template's digest.
     *
     * @param stack the stack's artifact id in the cloud assembly
     * @param templateFile the template's file name in the cloud assembly directory
     * @param functionCodeAssetHash the hash of the function code asset (embedded handler and policy file), which
     *     the template's function names in {@code Code.S3Key}
     * @param policyTie the policy file's tie, which starts the function's {@code SCOPED_GROUP_AUTH_CLIENTS}
     */
    public record Template(String stack, String templateFile, String functionCodeAssetHash, String policyTie) {}

    /**
     * A matrix as plain values.
     *
     * @param constructPath the construct's path
     * @param template what identifies its stack's template
     * @param groups the sorted group names
     * @param userScopes sign-in client to group to its sorted scopes
     * @param noGroupScopes sign-in client to the sorted scopes of a user in no group
     * @param machineScopes client credentials client to its sorted scopes
     */
    public record Table(
            String constructPath,
            Template template,
            List<String> groups,
            SortedMap<String, SortedMap<String, List<String>>> userScopes,
            SortedMap<String, List<String>> noGroupScopes,
            SortedMap<String, List<String>> machineScopes) {}

    /**
     * The Markdown document: a table of groups by clients, then one of the client credentials clients.
     *
     * @param matrix the matrix
     * @return the text, ending with a line break
     */
    public static String markdown(Table matrix) {
        StringBuilder text = new StringBuilder()
                .append("# Scope matrix of ")
                .append(code(matrix.constructPath()))
                .append("\n\n")
                .append(
                        "Written by ScopedGroupAuth at synthesis; do not edit. Each cell lists the managed scopes in the")
                .append(" access token of a member of the row's group who signs in through the column's app client,")
                .append(" whatever scopes were requested. A user in several groups gets the union of their rows;")
                .append(" scopes no group or default names are left as requested.\n");
        List<String> clients = List.copyOf(matrix.userScopes().keySet());
        if (!clients.isEmpty()) {
            text.append('\n');
            row(text, "Group", clients, ScopeMatrixText::clientHeading);
            row(text, "---", clients, client -> "---");
            row(
                    text,
                    "(no group)",
                    clients,
                    client -> scopes(matrix.noGroupScopes().get(client)));
            for (String group : matrix.groups()) {
                row(
                        text,
                        code(group),
                        clients,
                        client -> scopes(matrix.userScopes().get(client).get(group)));
            }
        }
        List<String> machines = List.copyOf(matrix.machineScopes().keySet());
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
                        .append(scopes(matrix.machineScopes().get(client)))
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
        return ANY_CLIENT.equals(client) ? "Any client (none granted)" : code(client);
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
     * A Markdown code span that shows the text as it is, even with backticks or a {@code |} inside a table: every
     * invisible or line-breaking character is escaped by {@link Printable#escape}, the fence is one backtick
     * longer than the longest run in the text, and {@code |} is escaped for the table.
     */
    static String code(String value) {
        String text = Printable.escape(value);
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
     * The JSON document: the construct, what identifies its stack's template, the groups, each sign-in client's
     * scopes per group and without a group, and each client credentials client's scopes.
     *
     * @param matrix the matrix
     * @return the text, ending with a line break
     */
    public static String json(Table matrix) {
        StringBuilder text = new StringBuilder("{\n");
        text.append("  \"construct\": ").append(quote(matrix.constructPath())).append(",\n");
        Template template = matrix.template();
        text.append("  \"template\": {\n")
                .append("    \"stack\": ")
                .append(quote(template.stack()))
                .append(",\n    \"file\": ")
                .append(quote(template.templateFile()))
                .append(",\n    \"functionCodeAssetHash\": ")
                .append(quote(template.functionCodeAssetHash()))
                .append(",\n    \"policyTie\": ")
                .append(quote(template.policyTie()))
                .append("\n  },\n");
        text.append("  \"groups\": ").append(list(matrix.groups())).append(",\n");
        text.append("  \"clients\": {");
        List<String> clients = List.copyOf(matrix.userScopes().keySet());
        for (int c = 0; c < clients.size(); c++) {
            String client = clients.get(c);
            text.append(c == 0 ? "\n" : ",\n")
                    .append("    ")
                    .append(quote(client))
                    .append(": {\n")
                    .append("      \"noGroup\": ")
                    .append(list(matrix.noGroupScopes().get(client)))
                    .append(",\n")
                    .append("      \"groups\": {");
            List<String> groups = matrix.groups();
            for (int g = 0; g < groups.size(); g++) {
                text.append(g == 0 ? "\n" : ",\n")
                        .append("        ")
                        .append(quote(groups.get(g)))
                        .append(": ")
                        .append(list(matrix.userScopes().get(client).get(groups.get(g))));
            }
            text.append(groups.isEmpty() ? "}\n" : "\n      }\n").append("    }");
        }
        text.append(clients.isEmpty() ? "},\n" : "\n  },\n");
        text.append("  \"machineClients\": {");
        List<String> machines = List.copyOf(matrix.machineScopes().keySet());
        for (int m = 0; m < machines.size(); m++) {
            text.append(m == 0 ? "\n" : ",\n")
                    .append("    ")
                    .append(quote(machines.get(m)))
                    .append(": ")
                    .append(list(matrix.machineScopes().get(machines.get(m))));
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
