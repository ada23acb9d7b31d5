package io.github.scopedgroupauth.runtime;

import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The outcome of {@link ScopePolicy#decide}: which scopes to add to an access token, which to take out, and
 * the scopes the token then carries.
 *
 * <p>Every list is immutable, sorted and free of duplicates. A scope is never both added and suppressed: the
 * token scopes hold every added scope and no suppressed one. The constructor keeps these rules for any caller.
 *
 * <pre>{@code
 * ScopeDecision decision = policy.decide("web-client-id", List.of("EVERYONE"), List.of("openid", "admin/*"));
 * decision.scopesToSuppress(); // [admin/*]
 * }</pre>
 *
 * @param scopesToAdd scopes the user is entitled to but did not request; the trigger adds them to the access
 *     token
 * @param scopesToSuppress requested managed scopes the user is not entitled to; the trigger removes them from
 *     the access token
 * @param tokenScopes the scopes the access token carries once Cognito applies this decision: the requested
 *     scopes, minus the suppressed ones, plus the added ones
 */
public record ScopeDecision(List<String> scopesToAdd, List<String> scopesToSuppress, List<String> tokenScopes) {

    /**
     * Copies the lists, sorted and without duplicates, and checks that they agree.
     *
     * @param scopesToAdd the scopes to add
     * @param scopesToSuppress the scopes to suppress
     * @param tokenScopes the scopes of the token
     * @throws NullPointerException if a list or a scope in it is null
     * @throws IllegalArgumentException if a scope is both added and suppressed, an added scope is not among the
     *     token scopes, or a suppressed one is
     */
    public ScopeDecision {
        scopesToAdd = sortedCopy(scopesToAdd, "scopesToAdd");
        scopesToSuppress = sortedCopy(scopesToSuppress, "scopesToSuppress");
        tokenScopes = sortedCopy(tokenScopes, "tokenScopes");
        for (String scope : scopesToAdd) {
            if (contains(scopesToSuppress, scope)) {
                throw new IllegalArgumentException("`scopesToAdd` and `scopesToSuppress` both have '"
                        + Printable.escape(scope) + "'; a scope is either added or suppressed");
            }
            if (!contains(tokenScopes, scope)) {
                throw new IllegalArgumentException("`scopesToAdd` has '" + Printable.escape(scope)
                        + "', which `tokenScopes` lacks;" + " the token carries every added scope");
            }
        }
        for (String scope : scopesToSuppress) {
            if (contains(tokenScopes, scope)) {
                throw new IllegalArgumentException("`scopesToSuppress` has '" + Printable.escape(scope)
                        + "', which `tokenScopes`" + " has too; the token carries no suppressed scope");
            }
        }
    }

    /**
     * Whether the decision changes the token at all.
     *
     * @return {@code true} when there is nothing to add and nothing to suppress
     */
    public boolean isUnchanged() {
        return scopesToAdd.isEmpty() && scopesToSuppress.isEmpty();
    }

    @Override
    public String toString() {
        return "ScopeDecision{add=" + scopesToAdd + ", suppress=" + scopesToSuppress + "}";
    }

    /** An immutable copy; sorted again only if it is not already sorted without duplicates, as from decide. */
    private static List<String> sortedCopy(List<String> scopes, String name) {
        List<String> copy = List.copyOf(Objects.requireNonNull(scopes, name));
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i - 1).compareTo(copy.get(i)) >= 0) {
                return List.copyOf(new TreeSet<>(copy));
            }
        }
        return copy;
    }

    private static boolean contains(List<String> sorted, String scope) {
        return Collections.binarySearch(sorted, scope) >= 0;
    }
}
