package io.github.scopedgroupauth.internal;

import java.util.SortedSet;

/**
 * Writes the policy file the embedded handler reads ({@code scoped-group-auth.conf}, format version 1; the
 * contract is in {@code docs/configuration.md}). Client grants are not in the file: they live in the
 * function's environment, because client ids are only known at deploy time.
 */
public final class PolicyFileWriter {

    /** The file name, at the root of the function code. */
    public static final String FILE_NAME = "scoped-group-auth.conf";
    /** The environment variable that carries the client grants. */
    public static final String CLIENTS_VARIABLE = "SCOPED_GROUP_AUTH_CLIENTS";

    private PolicyFileWriter() {
    }

    /**
     * The file's text for a plan: the header, one {@code group} line per group, and a {@code default} line
     * if there are default scopes. Sorted, so the same plan always gives the same bytes.
     *
     * @param plan a validated plan
     * @return UTF-8 text
     */
    public static String write(ScopePlan plan) {
        StringBuilder file = new StringBuilder()
                .append("# Written by the ScopedGroupAuth construct; read by its pre token generation handler.\n")
                .append("scoped-group-auth-policy 1\n");
        plan.groupScopes().forEach((group, scopes) -> line(file, "group " + group, scopes));
        if (!plan.defaultScopes().isEmpty()) {
            line(file, "default", plan.defaultScopes());
        }
        return file.toString();
    }

    private static void line(StringBuilder file, String start, SortedSet<String> scopes) {
        file.append(start);
        scopes.forEach(scope -> file.append(' ').append(scope));
        file.append('\n');
    }
}
