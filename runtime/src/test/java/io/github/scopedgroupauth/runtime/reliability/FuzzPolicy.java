package io.github.scopedgroupauth.runtime.reliability;

import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy for fuzzing, held as plain tables so that the test computes entitlements itself instead of asking
 * {@link ScopePolicy}: scopes share prefixes and identifiers, one default scope, and optionally client grants
 * (one client granted most scopes, one granted a single scope, every other client nothing).
 */
record FuzzPolicy(
        Map<String, Set<String>> groupScopes, Set<String> defaultScopes, Map<String, Set<String>> clientGrants) {

    static final String WEB_CLIENT = "web-client";
    static final String PARTNER_CLIENT = "partner-client";
    static final String ORDERS_READ = "https://api.example.com/orders.read";
    static final String ORDERS = "https://api.example.com/orders";

    private static final Map<String, Set<String>> GROUPS = Map.of(
            "ADMINS", Set.of("admin/*", "admin/read"),
            "EVERYONE", Set.of("everyone/*"),
            "ORDERS", Set.of(ORDERS_READ, ORDERS));
    private static final Set<String> DEFAULTS = Set.of("profile/read");

    /** Every client may carry every managed scope. */
    static final FuzzPolicy OPEN = new FuzzPolicy(GROUPS, DEFAULTS, Map.of());

    /** Only the two granted clients may carry managed scopes, each its own. */
    static final FuzzPolicy GRANTED = new FuzzPolicy(
            GROUPS,
            DEFAULTS,
            Map.of(
                    WEB_CLIENT, Set.of("admin/read", "everyone/*", "profile/read", ORDERS_READ),
                    PARTNER_CLIENT, Set.of(ORDERS)));

    /** Group names as events carry them: the policy's, and near misses in case, spacing and spelling. */
    static final List<String> EVENT_GROUPS =
            List.of("ADMINS", "EVERYONE", "ORDERS", "admins", "ADMINS ", "", "Everyone", "NOBODY", "ADMINS,EVERYONE");

    /** Client ids as events carry them: granted, not granted, and near misses. */
    static final List<String> EVENT_CLIENTS =
            List.of(WEB_CLIENT, PARTNER_CLIENT, "other-client", "", "web-client ", "WEB-CLIENT", "web");

    /** Requested scopes: every managed one, and unmanaged ones that share a prefix with them or are standard. */
    static final List<String> EVENT_SCOPES = List.of(
            "admin/*",
            "admin/read",
            "everyone/*",
            "profile/read",
            ORDERS_READ,
            ORDERS,
            "admin",
            "admin/",
            "admin/**",
            "admin/*/",
            "ADMIN/*",
            "everyone/read",
            "profile/read ",
            "https://api.example.com/orders.write",
            "https://api.example.com/",
            "openid",
            "email",
            "aws.cognito.signin.user.admin");

    /** The policy the handler under test applies, built from the same tables through the public builder. */
    ScopePolicy scopePolicy() {
        ScopePolicy.Builder builder =
                ScopePolicy.builder().groupScopes(groupScopes).defaultScopes(defaultScopes);
        clientGrants.forEach(builder::clientGrant);
        return builder.build();
    }

    /** Every scope a group or the defaults name. */
    Set<String> managedScopes() {
        Set<String> managed = new HashSet<>(defaultScopes);
        groupScopes.values().forEach(managed::addAll);
        return managed;
    }

    /**
     * What a user in these groups may carry on this client: the groups' scopes and the defaults, cut to the
     * client's grant when there are grants (nothing for a client without one).
     */
    Set<String> entitledScopes(String clientId, Collection<String> groups) {
        Set<String> entitled = new TreeSet<>(defaultScopes);
        for (String group : groups) {
            if (group != null) {
                entitled.addAll(groupScopes.getOrDefault(group, Set.of()));
            }
        }
        if (!clientGrants.isEmpty()) {
            entitled.retainAll(clientGrants.getOrDefault(clientId == null ? "" : clientId, Set.of()));
        }
        return entitled;
    }
}
