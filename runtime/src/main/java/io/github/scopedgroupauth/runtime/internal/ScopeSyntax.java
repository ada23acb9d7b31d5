package io.github.scopedgroupauth.runtime.internal;

/**
 * Checks the shape of scope strings and group names as Cognito issues them. Messages quote the value with
 * {@link Printable#escape}, so a control character in it cannot hide or forge a line. Not part of the public
 * API.
 *
 * <p>A custom scope is {@code identifier/scopeName}; the identifier may itself contain {@code /} (URLs are
 * common), so the split is at the last {@code /}.
 */
public final class ScopeSyntax {

    private ScopeSyntax() {
    }

    /**
     * Fails unless {@code scope} is {@code identifier/scopeName} with both parts non-empty and no
     * whitespace, control character, {@code "} or {@code \}.
     *
     * @param scope the scope to check
     * @throws IllegalArgumentException naming the scope and what is wrong with it
     */
    public static void checkScope(String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("a scope is empty; write scopes as 'identifier/scopeName'");
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '"' || c == '\\') {
                throw new IllegalArgumentException(String.format(
                        "scope '%s' contains whitespace, a control character, '\"' or '\\'; remove it",
                        Printable.escape(scope)));
            }
            if (c > '~') {
                throw new IllegalArgumentException(String.format(
                        "scope '%s' contains a character outside printable ASCII, which Cognito does not allow in"
                                + " scopes; remove it", Printable.escape(scope)));
            }
        }
        int slash = scope.lastIndexOf('/');
        if (slash <= 0 || slash == scope.length() - 1) {
            throw new IllegalArgumentException(String.format(
                    "scope '%s' is not 'identifier/scopeName'; both parts must be non-empty",
                    Printable.escape(scope)));
        }
    }

    /**
     * Fails unless {@code group} is a non-empty name without whitespace or control characters.
     *
     * @param group the group name to check
     * @throws IllegalArgumentException naming the group and what is wrong with it
     */
    public static void checkGroupName(String group) {
        if (group == null || group.isEmpty()) {
            throw new IllegalArgumentException("a group name is empty; give every group a name");
        }
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(
                        "group name '%s' contains whitespace or a control character; remove it",
                        Printable.escape(group)));
            }
        }
    }
}
