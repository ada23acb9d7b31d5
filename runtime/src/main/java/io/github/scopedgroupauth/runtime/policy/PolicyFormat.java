package io.github.scopedgroupauth.runtime.policy;

import io.github.scopedgroupauth.runtime.InvalidPolicyException;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The policy contract, format version {@value #FORMAT_VERSION}: the file {@value #FILE_NAME} that the construct
 * packages with the function code, and the variable {@value #CLIENTS_VARIABLE} that grants app clients, whose
 * ids are only known at deploy time. The construct writes both through this class and the handler reads them
 * through it, so there is one implementation to test.
 *
 * <p>The file is UTF-8 text: a header, one {@code group} line per group and an optional {@code default} line,
 * sorted, then a line that seals it with the SHA-256 digest of everything before it:
 *
 * <pre>
 * # Written by the ScopedGroupAuth construct; read by its pre token generation handler.
 * scoped-group-auth-policy 1
 * group ADMINS admin/*
 * group EVERYONE everyone/*
 * end sha256:&lt;64 lowercase hex digits&gt;
 * </pre>
 *
 * <p>Every scope the file names is managed and numbered from 0 in ascending {@link String} order. The
 * variable is the first {@value #TIE_LENGTH} hex digits of the file's digest (its tie to the file), a
 * {@code :}, then {@value #ANY_CLIENT} or {@code ;}-separated {@code clientId=numbers} entries, where
 * {@code numbers} is {@code *} for every managed scope or a {@code ,}-separated list. The full contract is in
 * {@code docs/configuration.md}.
 */
public final class PolicyFormat {

    /** The file name, at the root of the function code and so on its classpath. */
    public static final String FILE_NAME = "scoped-group-auth.conf";
    /** The environment variable that grants app clients managed scopes by number. */
    public static final String CLIENTS_VARIABLE = "SCOPED_GROUP_AUTH_CLIENTS";
    /** The handler the function runs. */
    public static final String HANDLER = "io.github.scopedgroupauth.runtime.PreTokenGenerationHandler::handleRequest";
    /** The first word of the header line. */
    public static final String HEADER = "scoped-group-auth-policy";
    /** The format version written and read. */
    public static final int FORMAT_VERSION = 1;
    /** How the last line starts; the SHA-256 digest of everything before it follows, in lowercase hex. */
    public static final String END = "end sha256:";
    /** How many hex digits of the file's digest start the variable, before a {@code :}. */
    public static final int TIE_LENGTH = 16;
    /** The grants that let every app client receive every managed scope, or one client every scope. */
    public static final String ANY_CLIENT = "*";

    private static final String COMMENT =
            "# Written by the ScopedGroupAuth construct; read by its pre token generation handler.\n";

    private PolicyFormat() {}

    /**
     * A written policy file.
     *
     * @param text the file's text, sealed by its last line
     * @param tie the first {@value #TIE_LENGTH} hex digits of its digest, which start the grant variable
     */
    public record Written(String text, String tie) {}

    /**
     * Writes the file for a policy. Sorted, so the same policy always gives the same bytes.
     *
     * @param groupScopes group name to its scopes; names and scopes already valid
     * @param defaultScopes the scopes of every signed-in user; possibly empty
     * @return the text and its tie
     */
    public static Written write(
            Map<String, ? extends Collection<String>> groupScopes, Collection<String> defaultScopes) {
        StringBuilder body = new StringBuilder(COMMENT)
                .append(HEADER)
                .append(' ')
                .append(FORMAT_VERSION)
                .append('\n');
        new TreeMap<>(groupScopes).forEach((group, scopes) -> line(body, "group " + group, scopes));
        if (!defaultScopes.isEmpty()) {
            line(body, "default", defaultScopes);
        }
        String digest = sha256(body.toString());
        return new Written(body + END + digest + "\n", digest.substring(0, TIE_LENGTH));
    }

    /**
     * One client's entry in the variable.
     *
     * @param clientId the app client id, or a token that CloudFormation resolves to it
     * @param managedScopes every managed scope in ascending order, as the file numbers them
     * @param granted the managed scopes the client is granted
     * @return {@code clientId=*} when it is granted every managed scope, otherwise {@code clientId=i,j,...}
     * @throws IllegalArgumentException if a granted scope is not managed, which the reader would refuse
     */
    public static String entry(String clientId, List<String> managedScopes, Collection<String> granted) {
        SortedSet<String> scopes = new TreeSet<>(granted);
        for (String scope : scopes) {
            if (!managedScopes.contains(scope)) {
                throw new IllegalArgumentException("client '" + clientId + "' is granted scope '"
                        + Printable.escape(scope) + "', which the policy file does not number; grant only managed"
                        + " scopes: " + managedScopes);
            }
        }
        if (scopes.containsAll(managedScopes)) {
            return clientId + "=" + ANY_CLIENT;
        }
        StringJoiner numbers = new StringJoiner(",");
        scopes.forEach(scope -> numbers.add(Integer.toString(managedScopes.indexOf(scope))));
        return clientId + "=" + numbers;
    }

    /**
     * The variable's value.
     *
     * @param tie the tie of the file it numbers, from {@link #write}
     * @param entries the clients' entries from {@link #entry}; none lets every client receive every managed
     *     scope
     * @return the value
     */
    public static String variable(String tie, List<String> entries) {
        return tie + ":" + grants(entries);
    }

    /**
     * The variable's grants, after the tie.
     *
     * @param entries the clients' entries from {@link #entry}
     * @return {@value #ANY_CLIENT} for no entries, otherwise the entries separated by {@code ;}
     */
    public static String grants(List<String> entries) {
        return entries.isEmpty() ? ANY_CLIENT : String.join(";", entries);
    }

    /**
     * Reads a file and binds its grants with the variable, refusing anything {@link #write} and
     * {@link #variable} would not have produced.
     *
     * @param file the file's bytes
     * @param environment variables; only {@value #CLIENTS_VARIABLE} is read
     * @return the policy
     * @throws InvalidPolicyException naming the line or variable that is wrong, and how to fix it
     */
    public static ScopePolicy read(byte[] file, Map<String, String> environment) {
        return PolicyReader.read(file, environment);
    }

    /**
     * The version of {@code scoped-group-auth-runtime} this class belongs to, so that the construct can check
     * that it writes the policy with the contract of the handler it embeds.
     *
     * @return the version, or empty if the build did not record one
     */
    public static Optional<String> runtimeVersion() {
        return Versions.read(PolicyFormat.class, "runtime.properties");
    }

    private static void line(StringBuilder file, String start, Collection<String> scopes) {
        file.append(start);
        new TreeSet<>(scopes).forEach(scope -> file.append(' ').append(scope));
        file.append('\n');
    }

    static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
