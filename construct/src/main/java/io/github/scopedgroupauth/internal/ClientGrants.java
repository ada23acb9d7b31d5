package io.github.scopedgroupauth.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * The app clients granted managed scopes, in the order of their first grants. The first grant of a client takes
 * over its allowed OAuth scopes with a lazy list of its own scopes and its granted ones, so grants made after the
 * construct still reach the template. Records grants that {@link GrantChecks} accepted; checks nothing itself.
 */
public final class ClientGrants {

    private final BoundScopes bound;
    private final Map<String, Grant> grantsByPath = new LinkedHashMap<>();

    /**
     * Starts with no grants.
     *
     * @param bound the managed scopes' bound tokens, so a client that already allows a scope that way does not
     *     list it twice
     */
    public ClientGrants(BoundScopes bound) {
        this.bound = bound;
    }

    /**
     * Grants scopes to a client, adding them to its allowed OAuth scopes and to any earlier grant of it.
     *
     * @param client the app client
     * @param scopes managed scopes
     * @param kind what the grant gives
     */
    public void add(UserPoolClient client, Collection<String> scopes, GrantKind kind) {
        Grant grant = grantsByPath.computeIfAbsent(client.getNode().getPath(), path -> new Grant(client));
        grant.scopes.addAll(scopes);
        grant.kind = grant.kind.and(kind);
    }

    /**
     * The allowed OAuth scopes a client would have with these scopes granted too, to check Cognito's limit.
     *
     * @param client an app client of the pool
     * @param scopes managed scopes
     * @return its own scopes, then its granted ones
     */
    public List<String> allowedScopesAfter(UserPoolClient client, Collection<String> scopes) {
        Grant grant = grantsByPath.get(client.getNode().getPath());
        SortedSet<String> granted = new TreeSet<>(scopes);
        // After a first grant the client's scopes are the lazy list; its own scopes are kept in the grant.
        List<String> own = grant == null ? ownScopes(client) : grant.own;
        if (grant != null) {
            granted.addAll(grant.scopes);
        }
        return bound.allowedScopes(Stack.of(client), own, granted);
    }

    /**
     * An app client's allowed OAuth scopes before any grant.
     *
     * @param client an app client
     * @return its allowed scopes as its L1 lists them
     */
    static List<String> ownScopes(UserPoolClient client) {
        List<String> scopes = cfn(client).getAllowedOAuthScopes();
        return scopes == null ? List.of() : List.copyOf(scopes);
    }

    /**
     * The scopes granted to each client so far.
     *
     * @return client construct path to its granted scopes, in the order of the first grants; empty when no
     *     client is granted
     */
    public Map<String, SortedSet<String>> grantedScopes() {
        Map<String, SortedSet<String>> granted = new LinkedHashMap<>();
        grantsByPath.forEach((path, grant) -> granted.put(path, new TreeSet<>(grant.scopes)));
        return granted;
    }

    /**
     * Whether a client is granted.
     *
     * @param path the client's construct path
     * @return true if it is
     */
    boolean isGranted(String path) {
        return grantsByPath.containsKey(path);
    }

    /**
     * The grants, in the order of the first grants.
     *
     * @return the grants
     */
    List<Grant> grants() {
        return List.copyOf(grantsByPath.values());
    }

    private static CfnUserPoolClient cfn(UserPoolClient client) {
        return (CfnUserPoolClient) client.getNode().getDefaultChild();
    }

    /** One client's grant; the first grant takes over the client's allowed OAuth scopes. */
    final class Grant {

        private final UserPoolClient client;
        private final List<String> own;
        // The lazy list the grant set as the client's allowed scopes.
        private final List<String> allowedScopes;
        private final SortedSet<String> scopes = new TreeSet<>();
        private GrantKind kind = GrantKind.NAMED_SCOPES;

        private Grant(UserPoolClient client) {
            this.client = client;
            this.own = ownScopes(client);
            this.allowedScopes = Lazy.uncachedList(context -> bound.allowedScopes(Stack.of(client), own, scopes));
            cfn(client).setAllowedOAuthScopes(allowedScopes);
        }

        UserPoolClient client() {
            return client;
        }

        SortedSet<String> scopes() {
            return new TreeSet<>(scopes);
        }

        GrantKind kind() {
            return kind;
        }

        /** Whether the client's allowed scopes are still the grant's list, not replaced through its L1. */
        boolean keepsGrantedScopes() {
            return allowedScopes.equals(cfn(client).getAllowedOAuthScopes());
        }
    }
}
