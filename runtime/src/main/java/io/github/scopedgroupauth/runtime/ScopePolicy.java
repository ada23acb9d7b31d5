package io.github.scopedgroupauth.runtime;

import io.github.scopedgroupauth.runtime.policy.Printable;
import io.github.scopedgroupauth.runtime.policy.ScopeSyntax;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which OAuth scopes each Cognito group, and every user, is entitled to, and which scopes each app client
 * may carry: the pure decision behind the pre token generation trigger.
 *
 * <p>It has no AWS types in its API, so it also serves as an offline evaluator in tests and in other
 * handlers:
 *
 * <pre>{@code
 * ScopePolicy policy = ScopePolicy.builder()
 *     .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
 *     .build();
 * policy.decide("web-client-id", List.of("EVERYONE"), List.of("openid", "admin/*")).tokenScopes();
 * // [everyone/*, openid]: admin/* is suppressed, everyone/* is added, openid is not managed
 * }</pre>
 *
 * <p>A scope is <em>managed</em> when a group or the defaults name it; unmanaged scopes are never touched.
 * Instances are immutable and safe to share between threads.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
public final class ScopePolicy {

    private final Map<String, Set<String>> groupScopes;
    private final Set<String> defaultScopes;
    private final Map<String, Set<String>> clientGrants;
    private final Set<String> managedScopes;

    private ScopePolicy(Builder builder) {
        this.groupScopes = freezeValues(builder.groupScopes);
        this.defaultScopes = Set.copyOf(builder.defaultScopes);
        this.clientGrants = freezeValues(builder.clientGrants);
        Set<String> managed = new HashSet<>(defaultScopes);
        for (Set<String> scopes : groupScopes.values()) {
            managed.addAll(scopes);
        }
        this.managedScopes = Set.copyOf(managed);
        for (Map.Entry<String, Set<String>> grant : clientGrants.entrySet()) {
            for (String scope : grant.getValue()) {
                if (!managedScopes.contains(scope)) {
                    throw new IllegalArgumentException(String.format(
                            "client grant for '%s' names scope '%s', which no group or default grants;"
                                    + " grant only scopes that a group or the defaults name",
                            grant.getKey(), scope));
                }
            }
        }
    }

    /**
     * Starts a policy.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides which scopes to add to and suppress from one access token.
     *
     * <p>Entitled scopes are the union of the scopes of the user's groups and the default scopes, limited to
     * the client's grant when any client is granted (a client without a grant is then entitled to nothing
     * managed). Entitled scopes not requested are added; requested managed scopes not entitled are
     * suppressed. Null arguments and null elements count as empty.
     *
     * @param clientId the app client id ({@code callerContext.clientId}); may be null
     * @param groups the user's groups ({@code groupConfiguration.groupsToOverride}); may be null
     * @param requestedScopes the scopes Cognito would issue ({@code request.scopes}); may be null
     * @return the decision, never null
     */
    public ScopeDecision decide(String clientId, Collection<String> groups, Collection<String> requestedScopes) {
        Set<String> entitled = entitled(clientId, groups);
        Set<String> requested = withoutNulls(requestedScopes);
        List<String> toAdd = new ArrayList<>();
        for (String scope : entitled) {
            if (!requested.contains(scope)) {
                toAdd.add(scope);
            }
        }
        List<String> toSuppress = new ArrayList<>();
        List<String> token = new ArrayList<>(toAdd);
        for (String scope : requested) {
            if (managedScopes.contains(scope) && !entitled.contains(scope)) {
                toSuppress.add(scope);
            } else {
                token.add(scope);
            }
        }
        return new ScopeDecision(sorted(toAdd), sorted(toSuppress), sorted(token));
    }

    /**
     * The scopes a user in these groups is entitled to on this client, whatever was requested.
     *
     * @param clientId the app client id; may be null
     * @param groups the user's groups; may be null
     * @return an immutable sorted set
     */
    public SortedSet<String> entitledScopes(String clientId, Collection<String> groups) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(entitled(clientId, groups)));
    }

    private Set<String> entitled(String clientId, Collection<String> groups) {
        Set<String> entitled = new HashSet<>(defaultScopes);
        for (String group : withoutNulls(groups)) {
            entitled.addAll(groupScopes.getOrDefault(group, Set.of()));
        }
        if (!clientGrants.isEmpty()) {
            entitled.retainAll(clientId == null ? Set.of() : clientGrants.getOrDefault(clientId, Set.of()));
        }
        return entitled;
    }

    /** The values without nulls, which the policy's immutable sets and maps refuse to look up. */
    private static Set<String> withoutNulls(Collection<String> values) {
        Set<String> present = values == null ? new HashSet<>() : new HashSet<>(values);
        present.remove(null);
        return present;
    }

    /** Sorted here, so that {@link ScopeDecision} need not sort again. */
    private static List<String> sorted(List<String> scopes) {
        Collections.sort(scopes);
        return scopes;
    }

    /**
     * Every scope the policy manages: the scopes named by any group or by the defaults.
     *
     * @return an immutable set
     */
    public Set<String> managedScopes() {
        return managedScopes;
    }

    /**
     * The scopes granted to each group.
     *
     * @return an immutable map from group name to its scopes
     */
    public Map<String, Set<String>> groupScopes() {
        return groupScopes;
    }

    /**
     * The scopes every user of a granted client is entitled to.
     *
     * @return an immutable set, possibly empty
     */
    public Set<String> defaultScopes() {
        return defaultScopes;
    }

    /**
     * The scopes each app client may carry; empty when every client may carry every managed scope.
     *
     * @return an immutable map from app client id to its granted scopes
     */
    public Map<String, Set<String>> clientGrants() {
        return clientGrants;
    }

    private static Map<String, Set<String>> freezeValues(Map<String, Set<String>> map) {
        Map<String, Set<String>> frozen = new HashMap<>();
        for (Map.Entry<String, Set<String>> entry : map.entrySet()) {
            frozen.put(entry.getKey(), Set.copyOf(entry.getValue()));
        }
        return Map.copyOf(frozen);
    }

    /**
     * Builds a {@link ScopePolicy}. Scopes and group names must follow Cognito's rules, checked as the
     * construct checks them: every scope a custom {@code identifier/scopeName} of printable ASCII without
     * whitespace, {@code "} or {@code \}, at most 256 characters; every group name 1 to 128 letters, marks,
     * symbols, numbers and punctuation.
     */
    public static final class Builder {

        private final Map<String, Set<String>> groupScopes = new LinkedHashMap<>();
        private final Set<String> defaultScopes = new HashSet<>();
        private final Map<String, Set<String>> clientGrants = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds the scopes of several groups.
         *
         * @param groupScopes group name to scopes; not null
         * @return this builder
         * @throws IllegalArgumentException if a group name or scope is malformed, or a group has no scopes
         */
        public Builder groupScopes(Map<String, ? extends Collection<String>> groupScopes) {
            Objects.requireNonNull(groupScopes, "groupScopes");
            for (Map.Entry<String, ? extends Collection<String>> group : groupScopes.entrySet()) {
                group(group.getKey(), group.getValue());
            }
            return this;
        }

        /**
         * Adds the scopes of one group.
         *
         * @param group the group name; 1 to 128 letters, marks, symbols, numbers and punctuation
         * @param scopes its scopes; at least one
         * @return this builder
         * @throws IllegalArgumentException if the name or a scope breaks Cognito's rules, or there are no scopes
         */
        public Builder group(String group, Collection<String> scopes) {
            if (group == null || group.isEmpty()) {
                throw new IllegalArgumentException("a group name is empty; give every group a name");
            }
            Optional<String> problem = ScopeSyntax.groupNameProblem(group);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("group name '" + Printable.excerpt(group) + "' " + problem.get());
            }
            if (scopes == null || scopes.isEmpty()) {
                throw new IllegalArgumentException(String.format(
                        "group '%s' has no scopes; give each group at least one scope", Printable.excerpt(group)));
            }
            add(groupScopes, group, scopes);
            return this;
        }

        /**
         * Sets the scopes that every signed-in user of a granted client is entitled to.
         *
         * @param scopes the default scopes; not null
         * @return this builder
         * @throws IllegalArgumentException if a scope is malformed
         * @default no default scopes
         */
        public Builder defaultScopes(Collection<String> scopes) {
            Objects.requireNonNull(scopes, "defaultScopes");
            defaultScopes.addAll(checked(scopes));
            return this;
        }

        /**
         * Limits one app client to these scopes. Once any client is granted, clients without a grant
         * receive no managed scope.
         *
         * @param clientId the app client id; not empty
         * @param scopes the scopes the client may carry; each must be managed by the policy
         * @return this builder
         * @throws IllegalArgumentException if the client id is empty or a scope is malformed
         * @default no grants: every client of the pool may carry every managed scope
         */
        public Builder clientGrant(String clientId, Collection<String> scopes) {
            if (clientId == null || clientId.isEmpty()) {
                throw new IllegalArgumentException("client grant has an empty client id; give the app client id");
            }
            add(clientGrants, clientId, Objects.requireNonNull(scopes, "scopes"));
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the immutable policy
         * @throws IllegalArgumentException if a client grant names a scope that no group or default names
         */
        public ScopePolicy build() {
            return new ScopePolicy(this);
        }

        private static void add(Map<String, Set<String>> map, String key, Collection<String> scopes) {
            List<String> checked = checked(scopes);
            map.putIfAbsent(key, new HashSet<>());
            map.get(key).addAll(checked);
        }

        private static List<String> checked(Collection<String> scopes) {
            for (String scope : scopes) {
                Optional<String> problem = ScopeSyntax.problem(scope);
                if (problem.isPresent()) {
                    throw new IllegalArgumentException("scope '" + Printable.excerpt(scope) + "' " + problem.get());
                }
            }
            return List.copyOf(scopes);
        }
    }
}
