package io.github.scopedgroupauth.internal;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A custom OAuth scope, {@code identifier/scopeName}, split at the last {@code /} because identifiers are
 * often URLs. Knows Cognito's naming rules and says, in words a user can act on, which one a string breaks.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResourceServerScopeType.html">
 *     ResourceServerScopeType</a>
 */
public final class ScopeString {

    /** Cognito's standard scopes: issued by Cognito itself, never by a resource server. */
    public static final Set<String> STANDARD_SCOPES =
            Set.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");
    /** Cognito's limit on a whole scope string in an app client's allowed scopes ({@code ScopeType}). */
    static final int MAX_SCOPE_LENGTH = 256;

    private static final Pattern IDENTIFIER = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern NAME = Pattern.compile("[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+");

    private final String identifier;
    private final String name;

    private ScopeString(String identifier, String name) {
        this.identifier = identifier;
        this.name = name;
    }

    /**
     * Splits a scope that {@link #problem(String)} accepts.
     *
     * @param scope the scope
     * @return its identifier and name
     * @throws IllegalArgumentException if the scope breaks a rule
     */
    public static ScopeString parse(String scope) {
        problem(scope).ifPresent(problem -> {
            throw new IllegalArgumentException("scope '" + Printable.escape(scope) + "' " + problem);
        });
        int slash = scope.lastIndexOf('/');
        return new ScopeString(scope.substring(0, slash), scope.substring(slash + 1));
    }

    /**
     * What is wrong with a scope string, phrased to follow {@code "scope 'x' "}.
     *
     * @param scope the scope to check; may be null
     * @return the problem, or empty if the scope is a valid custom scope
     */
    public static Optional<String> problem(String scope) {
        if (scope == null || scope.isEmpty()) {
            return Optional.of("is empty; write scopes as 'identifier/scopeName'");
        }
        if (STANDARD_SCOPES.contains(scope)) {
            return Optional.of("is a standard Cognito scope; only custom 'identifier/scopeName' scopes can be"
                    + " managed, and standard scopes are granted through the app client's OAuth settings");
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '"' || c == '\\') {
                return Optional.of("contains whitespace, a control character, '\"' or '\\'; scopes may not"
                        + " contain them");
            }
        }
        int slash = scope.lastIndexOf('/');
        if (slash < 0) {
            return Optional.of("has no '/'; write scopes as 'identifier/scopeName', e.g. 'admin/*'");
        }
        // Identifier and scope name may each have 256 characters, but an app client's allowed scope may not.
        if (scope.length() > MAX_SCOPE_LENGTH) {
            return Optional.of("is " + scope.length() + " characters long; Cognito allows at most "
                    + MAX_SCOPE_LENGTH + " characters in a whole scope 'identifier/scopeName': shorten the"
                    + " identifier or the scope name");
        }
        String identifier = scope.substring(0, slash);
        String name = scope.substring(slash + 1);
        if (identifier.isEmpty()) {
            return Optional.of("has an empty identifier; write scopes as 'identifier/scopeName', e.g. 'admin/*'");
        }
        if (name.isEmpty()) {
            return Optional.of("has an empty scope name; write scopes as 'identifier/scopeName', e.g. 'admin/*'");
        }
        if (!IDENTIFIER.matcher(identifier).matches() || !NAME.matcher(name).matches()) {
            return Optional.of("contains a character outside printable ASCII; Cognito scopes allow only"
                    + " printable ASCII characters");
        }
        return Optional.empty();
    }

    /**
     * The resource server identifier: everything before the last {@code /}.
     *
     * @return the identifier
     */
    public String identifier() {
        return identifier;
    }

    /**
     * The scope name: everything after the last {@code /}.
     *
     * @return the scope name
     */
    public String name() {
        return name;
    }
}
