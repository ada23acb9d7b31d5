package io.github.scopedgroupauth.runtime.policy;

import java.util.Optional;
import java.util.Set;

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

    // The checks below are loops rather than regular expressions: the handler runs them for every scope and
    // group while it initializes, and compiling Unicode character classes costs milliseconds of cold start.

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
        if (!isPrintableAscii(scope)) {
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
        if (!isLetterMarkSymbolNumberOrPunctuation(group)) {
            return Optional.of("contains whitespace or a control character; group names may contain letters,"
                    + " marks, symbols, numbers and punctuation only");
        }
        return Optional.empty();
    }

    /**
     * Whether every character is printable ASCII other than space, {@code "} and {@code \} (U+0021 to U+007E
     * without U+0022 and U+005C), which Cognito allows in identifiers and scope names.
     */
    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every code point is a letter, mark, symbol, number or punctuation (Unicode general categories L, M,
     * S, N and P); an unpaired surrogate is none of them.
     */
    static boolean isLetterMarkSymbolNumberOrPunctuation(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (!isGroupNameCategory(Character.getType(codePoint))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private static boolean isGroupNameCategory(int type) {
        switch (type) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
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
