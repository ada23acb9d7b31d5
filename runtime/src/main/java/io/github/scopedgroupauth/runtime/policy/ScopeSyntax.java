package io.github.scopedgroupauth.runtime.policy;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cognito's rules for custom OAuth scopes and group names, checked the same way by the construct at synth
 * time and by the handler when it reads its policy. Each check says, in words a user can act on, which rule
 * a value breaks; the caller quotes the value before it.
 *
 * <p>A custom scope is {@code identifier/scopeName}, split at the last {@code /} because identifiers are
 * often URLs.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResourceServerScopeType.html">
 *     ResourceServerScopeType</a>
 */
public final class ScopeSyntax {

    /** Cognito's standard scopes: issued by Cognito itself, never by a resource server. */
    public static final Set<String> STANDARD_SCOPES =
            Set.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");
    /** Cognito's limit on a whole scope string in an app client's allowed scopes ({@code ScopeType}). */
    public static final int MAX_SCOPE_LENGTH = 256;
    /** Cognito's limit on a group name. */
    public static final int MAX_GROUP_NAME_LENGTH = 128;

    private static final Pattern IDENTIFIER = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern NAME = Pattern.compile("[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+");
    private static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

    private ScopeSyntax() {}

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
                return Optional.of(
                        "contains whitespace, a control character, '\"' or '\\'; scopes may not" + " contain them");
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
        if (slash == 0) {
            return Optional.of("has an empty identifier; write scopes as 'identifier/scopeName', e.g. 'admin/*'");
        }
        if (slash == scope.length() - 1) {
            return Optional.of("has an empty scope name; write scopes as 'identifier/scopeName', e.g. 'admin/*'");
        }
        if (!IDENTIFIER.matcher(identifier(scope)).matches()
                || !NAME.matcher(name(scope)).matches()) {
            return Optional.of("contains a character outside printable ASCII; Cognito scopes allow only"
                    + " printable ASCII characters");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a non-empty group name, phrased to follow {@code "group name 'x' "}.
     *
     * @param group the group name to check; not empty
     * @return the problem, or empty if Cognito accepts the name
     */
    public static Optional<String> groupNameProblem(String group) {
        if (group.length() > MAX_GROUP_NAME_LENGTH) {
            return Optional.of("is " + group.length() + " characters long; group names are 1 to "
                    + MAX_GROUP_NAME_LENGTH + " characters");
        }
        if (!GROUP_NAME.matcher(group).matches()) {
            return Optional.of("contains whitespace or a control character; group names may contain letters,"
                    + " marks, symbols, numbers and punctuation only");
        }
        return Optional.empty();
    }

    /**
     * The resource server identifier of a valid scope: everything before the last {@code /}.
     *
     * @param scope a scope {@link #problem} accepts
     * @return the identifier
     */
    public static String identifier(String scope) {
        return scope.substring(0, scope.lastIndexOf('/'));
    }

    /**
     * The scope name of a valid scope: everything after the last {@code /}.
     *
     * @param scope a scope {@link #problem} accepts
     * @return the scope name
     */
    public static String name(String scope) {
        return scope.substring(scope.lastIndexOf('/') + 1);
    }
}
