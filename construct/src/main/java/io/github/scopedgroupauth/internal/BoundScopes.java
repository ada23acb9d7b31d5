package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.Stack;

/**
 * Each managed scope as the token {@code OAuthScope.resourceServer} makes of it with its resource server, which
 * is how a client that depends on the server lists the scope. A client may allow a scope either way, so the
 * checks compare the values CloudFormation will see: each comparison resolves the tokens it needs in one call
 * into the CDK, however many scopes are managed.
 */
public final class BoundScopes {

    private final SortedMap<String, String> tokens;

    /**
     * The tokens of the managed scopes.
     *
     * @param tokens managed scope to its bound token
     */
    public BoundScopes(Map<String, String> tokens) {
        this.tokens = new TreeMap<>(tokens);
    }

    /**
     * No bound tokens, for checks made before the resource servers exist; once they do, every managed scope has
     * one, which {@link #managedAmong} relies on.
     *
     * @return empty bound scopes
     */
    static BoundScopes none() {
        return new BoundScopes(Map.of());
    }

    /**
     * The bound token of a managed scope.
     *
     * @param scope a managed scope
     * @return its token
     * @throws IllegalStateException if the scope is not managed
     */
    public String token(String scope) {
        String token = tokens.get(scope);
        if (token == null) {
            throw new IllegalStateException("no resource server holds scope '" + scope + "'");
        }
        return token;
    }

    /**
     * A client's own scopes, then each granted scope it does not already allow, literally or bound. Resolves
     * only for a client whose own scopes include tokens: a literal scope resolves to itself.
     *
     * @param stack the client's stack
     * @param own the client's own allowed scopes
     * @param granted the scopes granted to it
     * @return the allowed scopes once granted
     */
    List<String> allowedScopes(Stack stack, List<String> own, Collection<String> granted) {
        Set<Object> present = new HashSet<>(own);
        Map<String, Object> bound = Map.of();
        if (own.stream().anyMatch(ScopePlan::mayBeToken)) {
            if (stack.resolve(own) instanceof List<?> resolved) {
                present.addAll(resolved);
            }
            bound = resolved(stack, granted);
        }
        List<String> allowed = new ArrayList<>(own);
        for (String scope : granted) {
            if (!present.contains(scope) && !(bound.containsKey(scope) && present.contains(bound.get(scope)))) {
                allowed.add(scope);
            }
        }
        return allowed;
    }

    /**
     * The managed scopes among a client's allowed scopes, literal or bound.
     *
     * @param stack the client's stack, in which its scopes were resolved
     * @param resolvedScopes the client's allowed scopes, resolved
     * @return the managed scopes it allows, sorted
     */
    SortedSet<String> managedAmong(Stack stack, List<?> resolvedScopes) {
        Map<Object, String> bound = new HashMap<>();
        if (!resolvedScopes.stream().allMatch(String.class::isInstance)) {
            resolved(stack, tokens.keySet()).forEach((scope, value) -> bound.put(value, scope));
        }
        SortedSet<String> managed = new TreeSet<>();
        for (Object entry : resolvedScopes) {
            if (entry instanceof String literal && tokens.containsKey(literal)) {
                managed.add(literal);
            } else if (bound.containsKey(entry)) {
                managed.add(bound.get(entry));
            }
        }
        return managed;
    }

    /** The resolved bound token of each of these scopes that has one, in one call into the CDK. */
    private Map<String, Object> resolved(Stack stack, Collection<String> scopes) {
        List<String> names = scopes.stream().filter(tokens::containsKey).toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        List<?> values = (List<?>) stack.resolve(names.stream().map(tokens::get).toList());
        Map<String, Object> byScope = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byScope.put(names.get(i), values.get(i));
        }
        return byScope;
    }
}
