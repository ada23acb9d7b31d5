package io.github.scopedgroupauth.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the policy the {@code ScopedGroupAuth} construct writes for the handler: a small text file packaged
 * with the function code for the group map, and one environment variable for the app client grants, whose
 * client ids are only known at deploy time.
 *
 * <p>The file, {@value #RESOURCE_NAME} at the root of the function code (so on the classpath), is UTF-8 text
 * with one directive per line and single spaces between words; blank lines and lines starting with
 * {@code #} are ignored. Group names and scopes cannot contain whitespace, so no quoting is needed:
 *
 * <pre>
 * scoped-group-auth-policy 1
 * group ADMINS admin/*
 * group EVERYONE everyone/*
 * default everyone/read
 * </pre>
 *
 * <p>The managed scopes (every scope the file names) are numbered from 0 in ascending {@link String} order:
 * above, {@code admin/*} is 0, {@code everyone/*} 1 and {@code everyone/read} 2. The variable
 * {@value #CLIENTS_VARIABLE} grants app clients by those numbers, as {@code ;}-separated
 * {@code clientId=numbers} entries where {@code numbers} is {@code *} (every managed scope) or a
 * {@code ,}-separated list, for example {@code 4example7client9id=*;2other0client5id=1,2}. The variable must
 * be set: {@value #ANY_CLIENT} lets every client receive every managed scope, and an unset or blank variable
 * is an error. The full contract is in {@code docs/configuration.md}.
 *
 * <p>Anything malformed fails with an {@link InvalidPolicyException} that names the line or variable.
 */
public final class PolicyFile {

    /** The classpath resource name of the policy file. */
    public static final String RESOURCE_NAME = "scoped-group-auth.conf";
    /** The environment variable that grants app clients managed scopes by number. */
    public static final String CLIENTS_VARIABLE = "SCOPED_GROUP_AUTH_CLIENTS";
    /** The value of {@value #CLIENTS_VARIABLE} that grants every managed scope to every app client. */
    public static final String ANY_CLIENT = "*";
    /** The first word of the header line. */
    public static final String HEADER = "scoped-group-auth-policy";
    /** The format version this runtime reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private PolicyFile() {
    }

    /**
     * Loads {@value #RESOURCE_NAME} from the classpath and binds its grants with the given environment.
     *
     * @param classLoader the loader that sees the function code
     * @param environment the process environment, usually {@code System.getenv()}
     * @return the policy
     * @throws InvalidPolicyException if the file is missing or anything in it or the variable is malformed
     */
    public static ScopePolicy load(ClassLoader classLoader, Map<String, String> environment) {
        InputStream stream = classLoader.getResourceAsStream(RESOURCE_NAME);
        if (stream == null) {
            throw new InvalidPolicyException(RESOURCE_NAME + " is not on the classpath; package it at the root"
                    + " of the function code (the ScopedGroupAuth construct does this)");
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(reader, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_NAME, e);
        }
    }

    /**
     * Reads a policy file and binds its grants with the given environment.
     *
     * @param file the file's text
     * @param environment variables; only {@value #CLIENTS_VARIABLE} is read
     * @return the policy
     * @throws InvalidPolicyException if anything in the file or the variable is malformed
     * @throws IOException if the reader fails
     */
    public static ScopePolicy read(Reader file, Map<String, String> environment) throws IOException {
        ScopePolicy.Builder policy = ScopePolicy.builder();
        Map<String, Integer> groupLines = new HashMap<>();
        // Collected while reading, so the grants can be numbered without building the policy twice.
        SortedSet<String> managed = new TreeSet<>();
        boolean header = false;
        boolean defaults = false;
        BufferedReader lines = new BufferedReader(file);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = SPACE.split(line.strip());
            if (!header) {
                checkHeader(words, where(number));
                header = true;
                continue;
            }
            List<String> arguments = Arrays.asList(words).subList(1, words.length);
            try {
                switch (words[0]) {
                    case "group":
                        String group = arguments.isEmpty() ? "" : arguments.get(0);
                        Integer earlier = groupLines.putIfAbsent(group, number);
                        if (earlier != null) {
                            throw new IllegalArgumentException(String.format(
                                    "group '%s' is already defined on line %d; give each group one line",
                                    group, earlier));
                        }
                        List<String> scopes = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
                        policy.group(group, scopes);
                        managed.addAll(scopes);
                        break;
                    case "default":
                        if (defaults) {
                            throw new IllegalArgumentException(
                                    "a second 'default' line; put every default scope on one line");
                        }
                        defaults = true;
                        policy.defaultScopes(arguments);
                        managed.addAll(arguments);
                        break;
                    default:
                        throw new IllegalArgumentException(String.format(
                                "unknown directive '%s'; expected 'group' or 'default'", words[0]));
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(where(number) + e.getMessage(), e);
            }
        }
        if (!header) {
            throw new InvalidPolicyException(RESOURCE_NAME + " is empty; it must start with '" + HEADER + " "
                    + FORMAT_VERSION + "'");
        }
        if (managed.isEmpty()) {
            throw new InvalidPolicyException(RESOURCE_NAME + " defines no group and no default scopes;"
                    + " a policy must manage at least one scope");
        }
        List<String> numbered = new ArrayList<>(managed);
        parseGrants(environment.get(CLIENTS_VARIABLE), numbered).forEach(policy::clientGrant);
        return build(policy);
    }

    private static String where(int lineNumber) {
        return RESOURCE_NAME + " line " + lineNumber + ": ";
    }

    private static ScopePolicy build(ScopePolicy.Builder policy) {
        try {
            return policy.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(RESOURCE_NAME + ": " + e.getMessage(), e);
        }
    }

    private static void checkHeader(String[] words, String where) {
        if (words.length != 2 || !HEADER.equals(words[0])) {
            throw new InvalidPolicyException(where + "expected the header '" + HEADER + " " + FORMAT_VERSION
                    + "' but found '" + String.join(" ", words) + "'");
        }
        if (!String.valueOf(FORMAT_VERSION).equals(words[1])) {
            throw new InvalidPolicyException(where + "format version '" + words[1] + "' is not supported;"
                    + " this runtime reads version " + FORMAT_VERSION
                    + ": use the runtime that ships with the construct that wrote the file");
        }
    }

    private static Map<String, List<String>> parseGrants(String variable, List<String> numbered) {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        if (variable == null || variable.isBlank()) {
            throw new InvalidPolicyException(String.format("%s is not set; set it to '%s' to let every app client"
                    + " receive managed scopes, or to 'clientId=numbers' grants", CLIENTS_VARIABLE, ANY_CLIENT));
        }
        if (ANY_CLIENT.equals(variable.strip())) {
            return grants;
        }
        for (String entry : variable.split(";", -1)) {
            String grant = entry.strip();
            int equals = grant.indexOf('=');
            if (equals <= 0 || equals == grant.length() - 1) {
                throw new InvalidPolicyException(String.format("%s entry '%s' is not 'clientId=numbers';"
                        + " separate entries with ';'", CLIENTS_VARIABLE, grant));
            }
            String clientId = grant.substring(0, equals);
            String numbers = grant.substring(equals + 1);
            List<String> scopes = "*".equals(numbers) ? numbered : scopesByNumber(clientId, numbers, numbered);
            if (grants.put(clientId, scopes) != null) {
                throw new InvalidPolicyException(String.format(
                        "%s grants app client '%s' twice; give each client one entry", CLIENTS_VARIABLE, clientId));
            }
        }
        return grants;
    }

    private static List<String> scopesByNumber(String clientId, String numbers, List<String> numbered) {
        List<String> scopes = new ArrayList<>();
        for (String number : numbers.split(",", -1)) {
            int index = NUMBER.matcher(number).matches() && number.length() < 10 ? Integer.parseInt(number) : -1;
            if (index < 0 || index >= numbered.size()) {
                throw new InvalidPolicyException(String.format(
                        "%s entry for app client '%s' has scope number '%s'; use '*' or numbers from 0 to %d,"
                                + " one per managed scope in ascending order", CLIENTS_VARIABLE, clientId, number,
                        numbered.size() - 1));
            }
            scopes.add(numbered.get(index));
        }
        return scopes;
    }
}
