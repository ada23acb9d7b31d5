package io.github.scopedgroupauth.runtime.policy;

import io.github.scopedgroupauth.runtime.InvalidPolicyException;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import io.github.scopedgroupauth.runtime.internal.Versions;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The policy contract, format version {@value #FORMAT_VERSION}: the file {@value #FILE_NAME} that the construct
 * packages with the function code, and the variable {@value #CLIENTS_VARIABLE} that grants app clients, whose
 * ids are only known at deploy time. The construct writes both through this class and the handler reads them
 * through it, so there is one implementation to test.
 *
 * <p>The file is UTF-8 text: a header, one {@code group} line per group and an optional {@code default} line,
 * sorted, then a line that seals it with the CRC32C checksum of everything before it:
 *
 * <pre>
 * # Written by the ScopedGroupAuth construct; read by its pre token generation handler.
 * scoped-group-auth-policy 1
 * group ADMINS admin/*
 * group EVERYONE everyone/*
 * end crc32c:&lt;8 lowercase hex digits&gt;
 * </pre>
 *
 * <p>The checksum is an integrity check against a file cut short or edited by mistake, not a signature. Every scope
 * the file names is managed and numbered from 0 in ascending {@link String} order. The variable is the file's
 * checksum as on its last line (its tie to the file), a {@code :}, then {@value #ANY_CLIENT} or {@code ;}-separated {@code clientId=numbers} entries, where
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
    /** How the last line starts; the CRC32C of everything before it follows, as 8 lowercase hex digits. */
    public static final String END = "end crc32c:";
    /** The grants that let every app client receive every managed scope, or one client every scope. */
    public static final String ANY_CLIENT = "*";

    private static final String COMMENT =
            "# Written by the ScopedGroupAuth construct; read by its pre token generation handler.\n";

    private PolicyFormat() {}

    /**
     * A written policy file.
     *
     * @param text the file's text, sealed by its last line
     * @param tie the file's checksum as on its last line, which starts the grant variable
     * @param numberedScopes every managed scope in ascending order, so that scope {@code i} is number {@code i}
     */
    public record Written(String text, String tie, List<String> numberedScopes) {

        /**
         * Keeps an immutable copy of the numbered scopes.
         *
         * @param text the file's text
         * @param tie the file's checksum
         * @param numberedScopes the managed scopes in ascending order
         */
        public Written {
            numberedScopes = List.copyOf(numberedScopes);
        }

        /**
         * One client's entry in the variable, numbering scopes as this file does.
         *
         * @param clientId the app client id, or a token that CloudFormation resolves to it
         * @param granted the managed scopes the client is granted
         * @return {@code clientId=*} when it is granted every managed scope, otherwise {@code clientId=i,j,...}
         * @throws IllegalArgumentException if a granted scope is not managed, which the reader would refuse
         */
        public String entry(String clientId, Collection<String> granted) {
            SortedSet<String> scopes = new TreeSet<>(granted);
            for (String scope : scopes) {
                if (!numberedScopes.contains(scope)) {
                    throw new IllegalArgumentException("client '" + clientId + "' is granted scope '"
                            + Printable.escape(scope) + "', which the policy file does not number; grant only"
                            + " managed scopes: " + numberedScopes);
                }
            }
            if (scopes.containsAll(numberedScopes)) {
                return clientId + "=" + ANY_CLIENT;
            }
            StringJoiner numbers = new StringJoiner(",");
            scopes.forEach(scope -> numbers.add(Integer.toString(numberedScopes.indexOf(scope))));
            return clientId + "=" + numbers;
        }
    }

    /**
     * Writes the file for a policy. Sorted, so the same policy always gives the same bytes.
     *
     * @param groupScopes group name to its scopes; names and scopes already valid
     * @param defaultScopes the scopes of every signed-in user; possibly empty
     * @return the text, its tie and its numbered scopes
     */
    public static Written write(
            Map<String, ? extends Collection<String>> groupScopes, Collection<String> defaultScopes) {
        StringBuilder body = new StringBuilder(COMMENT)
                .append(HEADER)
                .append(' ')
                .append(FORMAT_VERSION)
                .append('\n');
        SortedSet<String> managed = new TreeSet<>(defaultScopes);
        new TreeMap<>(groupScopes).forEach((group, scopes) -> {
            line(body, "group " + group, scopes);
            managed.addAll(scopes);
        });
        if (!defaultScopes.isEmpty()) {
            line(body, "default", defaultScopes);
        }
        String checksum = crc32c(body.toString());
        return new Written(body + END + checksum + "\n", checksum, List.copyOf(managed));
    }

    /**
     * The variable's value.
     *
     * @param tie the tie of the file it numbers, from {@link #write}
     * @param entries the clients' entries from {@link Written#entry}; none lets every client receive every managed
     *     scope
     * @return the value
     */
    public static String variable(String tie, List<String> entries) {
        return tie + ":" + grants(entries);
    }

    /**
     * The variable's grants, after the tie.
     *
     * @param entries the clients' entries from {@link Written#entry}
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

    /** The CRC32C of the text's UTF-8 bytes as 8 lowercase hex digits: the seal of a file and its tie. */
    static String crc32c(String text) {
        CRC32C checksum = new CRC32C();
        checksum.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) checksum.getValue());
    }
}
