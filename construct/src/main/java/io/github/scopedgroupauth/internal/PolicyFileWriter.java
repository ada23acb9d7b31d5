package io.github.scopedgroupauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedSet;

/**
 * Writes the policy file the embedded handler reads ({@code scoped-group-auth.conf}, format version 1; the
 * contract is in {@code docs/configuration.md}). Client grants are not in the file: they live in the
 * function's environment, because client ids are only known at deploy time, and start with a prefix of the
 * file's digest so they cannot be read against another file.
 */
public final class PolicyFileWriter {

    /** The file name, at the root of the function code. */
    public static final String FILE_NAME = "scoped-group-auth.conf";
    /** The environment variable that carries the client grants. */
    public static final String CLIENTS_VARIABLE = "SCOPED_GROUP_AUTH_CLIENTS";
    /** How the last line starts: the SHA-256 digest of everything before it follows. */
    static final String END = "end sha256:";
    /** How many hex digits of the digest start the grant variable. */
    static final int TIE_LENGTH = 16;

    private PolicyFileWriter() {
    }

    /**
     * A written policy file.
     *
     * @param text the UTF-8 text, sealed by its last line
     * @param tie the first {@value #TIE_LENGTH} hex digits of its digest, which start the grant variable
     */
    public record Written(String text, String tie) {
    }

    /**
     * The file for a plan: the header, one {@code group} line per group, a {@code default} line if there are
     * default scopes, and the sealing {@code end} line. Sorted, so the same plan always gives the same bytes.
     *
     * @param plan a validated plan
     * @return the text and its tie
     */
    public static Written write(ScopePlan plan) {
        StringBuilder body = new StringBuilder()
                .append("# Written by the ScopedGroupAuth construct; read by its pre token generation handler.\n")
                .append("scoped-group-auth-policy 1\n");
        plan.groupScopes().forEach((group, scopes) -> line(body, "group " + group, scopes));
        if (!plan.defaultScopes().isEmpty()) {
            line(body, "default", plan.defaultScopes());
        }
        String digest = sha256(body.toString());
        return new Written(body + END + digest + "\n", digest.substring(0, TIE_LENGTH));
    }

    private static void line(StringBuilder file, String start, SortedSet<String> scopes) {
        file.append(start);
        scopes.forEach(scope -> file.append(' ').append(scope));
        file.append('\n');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
