package io.github.scopedgroupauth.runtime;

import io.github.scopedgroupauth.runtime.policy.Printable;
import io.github.scopedgroupauth.runtime.policy.ScopeSyntax;
import java.util.Arrays;
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

    private static final String[] NONE = new String[0];
    // Up to this many requested scopes are searched one by one; a sign-in requests a handful.
    private static final int SCANNED_REQUESTS = 16;
    // Up to this many groups are merged one by one; a user has a few, and Cognito allows at most 100.
    private static final int MERGED_GROUPS = 16;

    private final Map<String, Set<String>> groupScopes;
    private final Set<String> defaultScopes;
    private final Map<String, Set<String>> clientGrants;
    private final Set<String> managedScopes;
    // The same scopes as sorted arrays without duplicates, which decide() merges without sorting or copying sets.
    private final SortedScopesByGroup sortedGroupScopes;
    private final String[] sortedDefaultScopes;
    private final boolean clientsGranted;

    // Loops rather than lambdas: this runs in the handler's cold start, where each first lambda costs time.
    private ScopePolicy(Builder builder) {
        this.groupScopes = freezeValues(builder.groupScopes);
        this.defaultScopes = Set.copyOf(builder.defaultScopes);
        this.clientGrants = freezeValues(builder.clientGrants);
        Set<String> managed = new HashSet<>(defaultScopes);
        for (Set<String> scopes : groupScopes.values()) {
            managed.addAll(scopes);
        }
        this.managedScopes = Set.copyOf(managed);
        this.sortedGroupScopes = new SortedScopesByGroup(groupScopes);
        this.sortedDefaultScopes = sortedArray(defaultScopes);
        this.clientsGranted = !clientGrants.isEmpty();
        checkGrantsAreManaged();
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
     * suppressed. Null arguments and null elements count as empty. The work done grows with the number of
     * the user's groups and requested scopes, not with the size of the policy.
     *
     * @param clientId the app client id ({@code callerContext.clientId}); may be null
     * @param groups the user's groups ({@code groupConfiguration.groupsToOverride}); may be null
     * @param requestedScopes the scopes Cognito would issue ({@code request.scopes}); may be null
     * @return the decision, never null
     */
    public ScopeDecision decide(String clientId, Collection<String> groups, Collection<String> requestedScopes) {
        String[] requested = sortedWithoutNulls(requestedScopes == null ? null : requestedScopes.toArray(NONE));
        Change change = change(clientId, groups == null ? null : groups.toArray(NONE), requested);
        // The token's scopes: the requested ones not suppressed, merged in order with the added ones.
        String[] added = change.toAdd();
        String[] token = new String[requested.length + added.length];
        int size = 0;
        int next = 0;
        for (String scope : requested) {
            if (Arrays.binarySearch(change.toSuppress(), scope) >= 0) {
                continue;
            }
            while (next < added.length && added[next].compareTo(scope) < 0) {
                token[size++] = added[next++];
            }
            token[size++] = scope;
        }
        while (next < added.length) {
            token[size++] = added[next++];
        }
        return new ScopeDecision(List.of(added), List.of(change.toSuppress()), List.of(Arrays.copyOf(token, size)));
    }

    /**
     * The decision's changes to the token, as the handler writes them into its response: {@link #decide} without
     * the token's scopes and without copying into lists. Sorted arrays without duplicates; an empty one may be
     * shared, so callers must not write into them.
     */
    record Change(String[] toAdd, String[] toSuppress) {}

    /**
     * What {@link #decide} computes, on the arrays of an event; the handler's warm path. The requested scopes are
     * searched as they are while they are few, as in a sign-in, and sorted first when there are more, so the work
     * stays proportional to (entitled + requested) × log(requested).
     *
     * @param clientId the app client id; may be null
     * @param groups the user's groups; may be null or hold nulls
     * @param requestedScopes the requested scopes; may be null or hold nulls and duplicates; not changed
     * @return the change
     */
    Change change(String clientId, String[] groups, String[] requestedScopes) {
        String[] entitled = entitled(clientId, groups);
        String[] requested = requestedScopes == null ? NONE : requestedScopes;
        boolean sorted = requested.length > SCANNED_REQUESTS;
        if (sorted) {
            requested = sortedWithoutNulls(requested);
        }
        String[] notRequested = new String[entitled.length];
        int added = 0;
        for (String scope : entitled) {
            if (!isRequested(scope, requested, sorted)) {
                notRequested[added++] = scope;
            }
        }
        String[] toAdd =
                added == 0 ? NONE : added == entitled.length ? notRequested : Arrays.copyOf(notRequested, added);
        int suppressed = 0;
        for (String scope : requested) {
            suppressed += isSuppressed(scope, entitled) ? 1 : 0;
        }
        if (suppressed == 0) {
            return new Change(toAdd, NONE);
        }
        String[] toSuppress = new String[suppressed];
        int n = 0;
        for (int i = 0; n < suppressed; i++) {
            if (isSuppressed(requested[i], entitled)) {
                toSuppress[n++] = requested[i];
            }
        }
        return new Change(toAdd, sorted ? toSuppress : sortedWithoutNulls(toSuppress));
    }

    private static boolean isRequested(String scope, String[] requested, boolean sorted) {
        if (sorted) {
            return Arrays.binarySearch(requested, scope) >= 0;
        }
        for (String candidate : requested) {
            if (scope.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    // Every managed scope has a '/' (ScopeSyntax requires identifier/name; the identifier may itself start with
    // or hold '/'), so openid, email and the like are told apart without hashing them: each event's strings are
    // new, so their hash codes are not cached yet.
    private boolean isSuppressed(String requested, String[] entitled) {
        return requested != null
                && requested.indexOf('/') >= 0
                && managedScopes.contains(requested)
                && Arrays.binarySearch(entitled, requested) < 0;
    }

    /** The entitled scopes as a sorted array without duplicates; the policy's own array when nothing is merged. */
    private String[] entitled(String clientId, String[] groups) {
        Set<String> grant = null;
        if (clientsGranted) {
            grant = clientId == null ? null : clientGrants.get(clientId);
            if (grant == null) {
                return NONE;
            }
        }
        String[] entitled = sortedDefaultScopes;
        if (groups != null && groups.length > MERGED_GROUPS) {
            entitled = unionOfMany(groups);
        } else if (groups != null) {
            for (String group : groups) {
                String[] scopes = group == null ? null : sortedGroupScopes.get(group);
                if (scopes != null) {
                    entitled = union(entitled, scopes);
                }
            }
        }
        return grant == null ? entitled : retain(entitled, grant);
    }

    /**
     * The defaults and the scopes of many groups, sorted once: merging them one by one would copy the growing
     * union once per group, so tens of thousands of groups (more than Cognito sends) would cost seconds. Each
     * distinct group counts once, however often the event repeats it.
     */
    private String[] unionOfMany(String[] groups) {
        String[] names = sortedWithoutNulls(groups);
        int total = sortedDefaultScopes.length;
        for (String name : names) {
            String[] scopes = sortedGroupScopes.get(name);
            total += scopes == null ? 0 : scopes.length;
        }
        String[] all = Arrays.copyOf(sortedDefaultScopes, total);
        int n = sortedDefaultScopes.length;
        for (String name : names) {
            String[] scopes = sortedGroupScopes.get(name);
            if (scopes != null) {
                System.arraycopy(scopes, 0, all, n, scopes.length);
                n += scopes.length;
            }
        }
        return sortedWithoutNulls(all);
    }

    private static String[] union(String[] a, String[] b) {
        if (a.length == 0 || a == b) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        String[] merged = new String[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            int order = a[i].compareTo(b[j]);
            merged[n++] = order <= 0 ? a[i] : b[j];
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }
        while (i < a.length) {
            merged[n++] = a[i++];
        }
        while (j < b.length) {
            merged[n++] = b[j++];
        }
        return n == merged.length ? merged : Arrays.copyOf(merged, n);
    }

    private static String[] retain(String[] scopes, Set<String> grant) {
        int kept = 0;
        for (String scope : scopes) {
            kept += grant.contains(scope) ? 1 : 0;
        }
        if (kept == scopes.length) {
            return scopes;
        }
        String[] retained = new String[kept];
        int n = 0;
        for (String scope : scopes) {
            if (grant.contains(scope)) {
                retained[n++] = scope;
            }
        }
        return retained;
    }

    /** A sorted copy without nulls or duplicates. */
    private static String[] sortedWithoutNulls(String[] values) {
        if (values == null || values.length == 0) {
            return NONE;
        }
        String[] sorted = new String[values.length];
        int n = 0;
        for (String value : values) {
            if (value != null) {
                sorted[n++] = value;
            }
        }
        Arrays.sort(sorted, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || !sorted[distinct - 1].equals(sorted[i])) {
                sorted[distinct++] = sorted[i];
            }
        }
        return distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct);
    }

    /** The scopes as a new sorted array; a set holds no duplicates. */
    static String[] sortedArray(Set<String> scopes) {
        String[] sorted = scopes.toArray(NONE);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * The scopes a user in these groups is entitled to on this client, whatever was requested.
     *
     * @param clientId the app client id; may be null
     * @param groups the user's groups; may be null
     * @return an immutable sorted set
     */
    public SortedSet<String> entitledScopes(String clientId, Collection<String> groups) {
        Set<String> grant = null;
        if (!clientGrants.isEmpty()) {
            grant = clientId == null ? null : clientGrants.get(clientId);
            if (grant == null) {
                return Collections.emptySortedSet();
            }
        }
        SortedSet<String> entitled = new TreeSet<>(defaultScopes);
        if (groups != null) {
            for (String group : groups) {
                Set<String> scopes = group == null ? null : groupScopes.get(group);
                if (scopes != null) {
                    entitled.addAll(scopes);
                }
            }
        }
        if (grant != null) {
            entitled.retainAll(grant);
        }
        return Collections.unmodifiableSortedSet(entitled);
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

    private void checkGrantsAreManaged() {
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
            List<String> checked = checkScopes(scopes);
            add(groupScopes, group, checked);
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
            defaultScopes.addAll(checkScopes(scopes));
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
            Objects.requireNonNull(scopes, "scopes");
            List<String> checked = checkScopes(scopes);
            add(clientGrants, clientId, checked);
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

        private static void add(Map<String, Set<String>> map, String key, List<String> scopes) {
            Set<String> set = map.get(key);
            if (set == null) {
                set = new HashSet<>();
                map.put(key, set);
            }
            set.addAll(scopes);
        }

        private static List<String> checkScopes(Collection<String> scopes) {
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
