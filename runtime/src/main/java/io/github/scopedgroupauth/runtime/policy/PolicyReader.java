package io.github.scopedgroupauth.runtime.policy;

import static io.github.scopedgroupauth.runtime.policy.PolicyFormat.ANY_CLIENT;
import static io.github.scopedgroupauth.runtime.policy.PolicyFormat.CLIENTS_VARIABLE;
import static io.github.scopedgroupauth.runtime.policy.PolicyFormat.END;
import static io.github.scopedgroupauth.runtime.policy.PolicyFormat.FILE_NAME;
import static io.github.scopedgroupauth.runtime.policy.PolicyFormat.FORMAT_VERSION;
import static io.github.scopedgroupauth.runtime.policy.PolicyFormat.HEADER;
import static io.github.scopedgroupauth.runtime.policy.PolicyFormat.crc32c;

import io.github.scopedgroupauth.runtime.InvalidPolicyException;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** Reads what {@link PolicyFormat#write} wrote, refusing anything else with a message that names it. */
final class PolicyReader {

    // No regular expressions, lambdas or String.format on the success path: this runs in every cold start, where
    // setting those up costs more than reading a small file. Splitting on one plain character compiles no pattern.
    private static final int CHECKSUM_LENGTH = 8;

    private PolicyReader() {}

    static ScopePolicy read(byte[] file, Map<String, String> environment) {
        Sealed sealed = unseal(decode(file));
        ScopePolicy.Builder policy = ScopePolicy.builder();
        SortedSet<String> managed = readDirectives(sealed.body(), policy);
        for (Map.Entry<String, List<String>> grant : parseGrants(
                        environment.get(CLIENTS_VARIABLE), sealed.checksum(), new ArrayList<>(managed))
                .entrySet()) {
            policy.clientGrant(grant.getKey(), grant.getValue());
        }
        try {
            return policy.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    /** Strict UTF-8: a malformed byte is refused with its offset, never replaced with U+FFFD. */
    private static String decode(byte[] file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(file);
        CharBuffer out = CharBuffer.allocate(file.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidPolicyException(String.format(
                    "%s is not valid UTF-8: byte %d is malformed; the file"
                            + " must be UTF-8 text as the ScopedGroupAuth construct writes it",
                    FILE_NAME, in.position()));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (text.startsWith("\uFEFF")) {
            throw new InvalidPolicyException(
                    FILE_NAME + " starts with a byte-order mark (U+FEFF); write it" + " as UTF-8 without one");
        }
        return text;
    }

    /** The text before the last line, and its CRC32C in lowercase hex. */
    private record Sealed(String body, String checksum) {}

    /** Checks the last line's checksum against everything before it. */
    private static Sealed unseal(String text) {
        if (text.isEmpty()) {
            throw new InvalidPolicyException(FILE_NAME + " is empty; it must start with '" + HEADER + " "
                    + FORMAT_VERSION + "' and end with '" + END + "<checksum>'");
        }
        int lastLine = text.endsWith("\n") ? text.lastIndexOf('\n', text.length() - 2) + 1 : -1;
        String seal = lastLine < 0 ? "" : text.substring(lastLine, text.length() - 1);
        if (!seal.startsWith(END) || !isLowercaseHexChecksum(seal.substring(END.length()))) {
            throw new InvalidPolicyException(FILE_NAME + " is incomplete: its last line must be '" + END
                    + "<8 lowercase hex digits>' followed by a line break, but the file was cut short or edited;"
                    + " redeploy the function code the ScopedGroupAuth construct wrote");
        }
        String body = text.substring(0, lastLine);
        String checksum = crc32c(body);
        if (!checksum.equals(seal.substring(END.length()))) {
            throw new InvalidPolicyException(FILE_NAME + " does not match the checksum on its last line: it was"
                    + " changed after the ScopedGroupAuth construct wrote it; redeploy the function code the"
                    + " construct wrote");
        }
        return new Sealed(body, checksum);
    }

    /** Reads the header and the directives into the builder, and returns every scope they name. */
    private static SortedSet<String> readDirectives(String body, ScopePolicy.Builder policy) {
        Map<String, Integer> groupLines = new HashMap<>();
        SortedSet<String> managed = new TreeSet<>();
        boolean header = false;
        boolean defaults = false;
        String[] lines = body.split("\n", -1);
        // The body ends with a line break, so the last element is always the empty rest after it.
        for (int number = 1; number < lines.length; number++) {
            String line = lines[number - 1];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.strip().split(" ", -1);
            if (!header) {
                checkHeader(words, number);
                header = true;
                continue;
            }
            List<String> arguments = Arrays.asList(words).subList(1, words.length);
            try {
                switch (words[0]) {
                    case "group" -> {
                        String group = arguments.isEmpty() ? "" : arguments.get(0);
                        Integer earlier = groupLines.putIfAbsent(group, number);
                        if (earlier != null) {
                            throw new IllegalArgumentException(String.format(
                                    "group '%s' is already defined on" + " line %d; give each group one line",
                                    Printable.excerpt(group), earlier));
                        }
                        List<String> scopes = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
                        policy.group(group, scopes);
                        managed.addAll(scopes);
                    }
                    case "default" -> {
                        if (defaults) {
                            throw new IllegalArgumentException(
                                    "a second 'default' line; put every default scope on one line");
                        }
                        defaults = true;
                        policy.defaultScopes(arguments);
                        managed.addAll(arguments);
                    }
                    default ->
                        throw new IllegalArgumentException(String.format(
                                "unknown directive '%s'; expected 'group' or 'default'", Printable.excerpt(words[0])));
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(where(number) + e.getMessage(), e);
            }
        }
        if (!header) {
            throw new InvalidPolicyException(
                    FILE_NAME + " has no header; it must start with '" + HEADER + " " + FORMAT_VERSION + "'");
        }
        if (managed.isEmpty()) {
            throw new InvalidPolicyException(FILE_NAME + " defines no group and no default scopes;"
                    + " a policy must manage at least one scope");
        }
        return managed;
    }

    private static String where(int number) {
        return FILE_NAME + " line " + number + ": ";
    }

    private static boolean isLowercaseHexChecksum(String value) {
        if (value.length() != CHECKSUM_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimal(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void checkHeader(String[] words, int number) {
        if (words.length != 2 || !HEADER.equals(words[0])) {
            throw new InvalidPolicyException(where(number) + "expected the header '" + HEADER + " " + FORMAT_VERSION
                    + "' but found '" + Printable.excerpt(String.join(" ", words)) + "'");
        }
        if (!String.valueOf(FORMAT_VERSION).equals(words[1])) {
            throw new InvalidPolicyException(
                    where(number) + "format version '" + Printable.excerpt(words[1]) + "' is not"
                            + " supported; this runtime reads version " + FORMAT_VERSION
                            + ": use the runtime that ships with the construct that wrote the file");
        }
    }

    private static Map<String, List<String>> parseGrants(String variable, String tie, List<String> numbered) {
        if (variable == null || variable.isBlank()) {
            throw new InvalidPolicyException(String.format(
                    "%s is not set; set it to '%s:%s' to let every app client"
                            + " receive managed scopes, or to '%s:clientId=numbers' grants",
                    CLIENTS_VARIABLE, tie, ANY_CLIENT, tie));
        }
        String value = variable.strip();
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new InvalidPolicyException(String.format(
                    "%s '%s' does not start with the checksum of the policy"
                            + " file it numbers; expected '%s:' before the grants: deploy the variable and the function"
                            + " code together (redeploy the stack)",
                    CLIENTS_VARIABLE, Printable.excerpt(value), tie));
        }
        String written = value.substring(0, colon).strip();
        if (!tie.equals(written)) {
            throw new InvalidPolicyException(String.format(
                    "%s was written for policy file '%s', but this function's"
                            + " %s is '%s'; scope numbers would name other scopes: deploy the variable and the function code"
                            + " together (redeploy the stack) rather than editing either by hand",
                    CLIENTS_VARIABLE, Printable.excerpt(written), FILE_NAME, tie));
        }
        Map<String, List<String>> grants = new LinkedHashMap<>();
        String entries = value.substring(colon + 1).strip();
        if (ANY_CLIENT.equals(entries)) {
            return grants;
        }
        for (String entry : entries.split(";", -1)) {
            String grant = entry.strip();
            int equals = grant.indexOf('=');
            if (equals <= 0 || equals == grant.length() - 1) {
                throw new InvalidPolicyException(String.format(
                        "%s entry '%s' is not 'clientId=numbers';" + " separate entries with ';'",
                        CLIENTS_VARIABLE, Printable.excerpt(grant)));
            }
            String clientId = grant.substring(0, equals);
            String numbers = grant.substring(equals + 1);
            List<String> scopes = "*".equals(numbers) ? numbered : scopesByNumber(clientId, numbers, numbered);
            if (grants.put(clientId, scopes) != null) {
                throw new InvalidPolicyException(String.format(
                        "%s grants app client '%s' twice; give each client" + " one entry",
                        CLIENTS_VARIABLE, Printable.excerpt(clientId)));
            }
        }
        return grants;
    }

    private static List<String> scopesByNumber(String clientId, String numbers, List<String> numbered) {
        List<String> scopes = new ArrayList<>();
        for (String number : numbers.split(",", -1)) {
            int index = isDecimal(number) && number.length() < 10 ? Integer.parseInt(number) : -1;
            if (index < 0 || index >= numbered.size()) {
                throw new InvalidPolicyException(String.format(
                        "%s entry for app client '%s' has scope number '%s'; use '*' or numbers from 0 to %d,"
                                + " one per managed scope in ascending order",
                        CLIENTS_VARIABLE, Printable.excerpt(clientId), Printable.excerpt(number), numbered.size() - 1));
            }
            scopes.add(numbered.get(index));
        }
        return scopes;
    }
}
