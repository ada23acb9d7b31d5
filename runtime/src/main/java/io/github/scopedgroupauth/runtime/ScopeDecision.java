package io.github.scopedgroupauth.runtime;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of {@link ScopePolicy#decide}: which scopes to add to an access token and which to take out.
 *
 * <p>Both lists are sorted and free of duplicates. A scope is never in both. The value is immutable.
 */
public final class ScopeDecision {

    private final List<String> requestedScopes;
    private final List<String> scopesToAdd;
    private final List<String> scopesToSuppress;

    ScopeDecision(SortedSet<String> requestedScopes, SortedSet<String> scopesToAdd,
            SortedSet<String> scopesToSuppress) {
        this.requestedScopes = List.copyOf(requestedScopes);
        this.scopesToAdd = List.copyOf(scopesToAdd);
        this.scopesToSuppress = List.copyOf(scopesToSuppress);
    }

    /**
     * Scopes the user is entitled to but did not request; the trigger adds them to the access token.
     *
     * @return an immutable sorted list, possibly empty
     */
    public List<String> scopesToAdd() {
        return scopesToAdd;
    }

    /**
     * Requested managed scopes the user is not entitled to; the trigger removes them from the access token.
     *
     * @return an immutable sorted list, possibly empty
     */
    public List<String> scopesToSuppress() {
        return scopesToSuppress;
    }

    /**
     * The scopes the access token carries once Cognito applies this decision: the requested scopes,
     * minus the suppressed ones, plus the added ones.
     *
     * @return an immutable sorted list, possibly empty
     */
    public List<String> tokenScopes() {
        SortedSet<String> result = new TreeSet<>(requestedScopes);
        result.removeAll(scopesToSuppress);
        result.addAll(scopesToAdd);
        return List.copyOf(result);
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
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ScopeDecision)) {
            return false;
        }
        ScopeDecision that = (ScopeDecision) other;
        return requestedScopes.equals(that.requestedScopes) && scopesToAdd.equals(that.scopesToAdd)
                && scopesToSuppress.equals(that.scopesToSuppress);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * requestedScopes.hashCode() + scopesToAdd.hashCode()) + scopesToSuppress.hashCode();
    }

    @Override
    public String toString() {
        return "ScopeDecision{add=" + scopesToAdd + ", suppress=" + scopesToSuppress + "}";
    }
}
