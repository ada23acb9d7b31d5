package io.github.scopedgroupauth.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the policy the {@code ScopedGroupAuth} construct writes for the handler: a small text file packaged
 * with the function code for the maps, and one environment variable for the app client ids, which are only
 * known at deploy time.
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
 * grant c0 admin/* everyone/* everyone/read
 * </pre>
 *
 * <p>The variable {@value #CLIENTS_VARIABLE} binds each grant label to an app client id, as comma-separated
 * {@code label=clientId} pairs, for example {@code c0=4example7client9id}. Every grant in the file must be
 * bound, and every bound label must have a grant. The full contract is in {@code docs/configuration.md}.
 *
 * <p>Anything malformed fails with an {@link InvalidPolicyException} that names the line or variable.
 */
public final class PolicyFile {

    /** The classpath resource name of the policy file. */
    public static final String RESOURCE_NAME = "scoped-group-auth.conf";
    /** The environment variable that binds grant labels to app client ids. */
    public static final String CLIENTS_VARIABLE = "SCOPED_GROUP_AUTH_CLIENTS";
    /** The first word of the header line. */
    public static final String HEADER = "scoped-group-auth-policy";
    /** The format version this runtime reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

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
        Map<String, List<String>> grants = new LinkedHashMap<>();
        Map<String, Integer> groupLines = new HashMap<>();
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
            String where = RESOURCE_NAME + " line " + number + ": ";
            if (!header) {
                checkHeader(words, where);
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
                        policy.group(group, arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size()));
                        break;
                    case "default":
                        if (defaults) {
                            throw new IllegalArgumentException(
                                    "a second 'default' line; put every default scope on one line");
                        }
                        defaults = true;
                        policy.defaultScopes(arguments);
                        break;
                    case "grant":
                        addGrant(grants, arguments);
                        break;
                    default:
                        throw new IllegalArgumentException(String.format(
                                "unknown directive '%s'; expected 'group', 'default' or 'grant'", words[0]));
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(where + e.getMessage(), e);
            }
        }
        if (!header) {
            throw new InvalidPolicyException(RESOURCE_NAME + " is empty; it must start with '" + HEADER + " "
                    + FORMAT_VERSION + "'");
        }
        if (groupLines.isEmpty() && !defaults) {
            throw new InvalidPolicyException(RESOURCE_NAME + " defines no group and no default scopes;"
                    + " a policy must manage at least one scope");
        }
        bindGrants(policy, grants, environment.get(CLIENTS_VARIABLE));
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

    private static void addGrant(Map<String, List<String>> grants, List<String> arguments) {
        String label = arguments.isEmpty() ? "" : arguments.get(0);
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(String.format(
                    "grant label '%s' is invalid; use 1 to 64 letters, digits, '_', '.' or '-'", label));
        }
        if (grants.putIfAbsent(label, arguments.subList(1, arguments.size())) != null) {
            throw new IllegalArgumentException(String.format(
                    "grant '%s' is defined twice; give each grant one line", label));
        }
    }

    private static void bindGrants(ScopePolicy.Builder policy, Map<String, List<String>> grants, String variable) {
        Map<String, String> clientByLabel = parseClients(variable);
        if (!grants.keySet().equals(clientByLabel.keySet())) {
            throw new InvalidPolicyException(String.format(
                    "%s declares client grants %s but %s binds %s; every grant label must be bound to exactly one"
                            + " app client id and every bound label must have a grant",
                    RESOURCE_NAME, new TreeSet<>(grants.keySet()), CLIENTS_VARIABLE,
                    new TreeSet<>(clientByLabel.keySet())));
        }
        Map<String, String> labelByClient = new HashMap<>();
        grants.forEach((label, scopes) -> {
            String clientId = clientByLabel.get(label);
            String other = labelByClient.putIfAbsent(clientId, label);
            if (other != null) {
                throw new InvalidPolicyException(String.format(
                        "%s binds app client '%s' to both '%s' and '%s'; bind each client once",
                        CLIENTS_VARIABLE, clientId, other, label));
            }
            try {
                policy.clientGrant(clientId, scopes);
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(RESOURCE_NAME + " grant '" + label + "': " + e.getMessage(), e);
            }
        });
    }

    private static Map<String, String> parseClients(String variable) {
        Map<String, String> clientByLabel = new LinkedHashMap<>();
        if (variable == null || variable.isBlank()) {
            return clientByLabel;
        }
        for (String entry : variable.split(",", -1)) {
            String pair = entry.strip();
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1 || pair.indexOf('=', equals + 1) >= 0) {
                throw new InvalidPolicyException(String.format(
                        "%s entry '%s' is not 'label=clientId'; separate entries with ','", CLIENTS_VARIABLE, pair));
            }
            String label = pair.substring(0, equals);
            if (clientByLabel.put(label, pair.substring(equals + 1)) != null) {
                throw new InvalidPolicyException(String.format(
                        "%s binds label '%s' twice; bind each label once", CLIENTS_VARIABLE, label));
            }
        }
        return clientByLabel;
    }
}
