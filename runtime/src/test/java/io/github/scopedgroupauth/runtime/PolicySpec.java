package io.github.scopedgroupauth.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random policy for property tests, with a reference model of the specification written independently of
 * {@link ScopePolicy}: managed = every scope named by a group or the defaults; entitled = the union of the
 * user's groups' scopes and the defaults, intersected with the client's grant when any grant exists (an
 * unknown client gets nothing).
 */
record PolicySpec(
        Map<String, List<String>> groupScopes, List<String> defaultScopes, Map<String, List<String>> clientGrants) {

    static final List<String> GROUPS = List.of("ADMINS", "EVERYONE", "G2", "G3", "G4", "G5");
    static final List<String> SCOPES = List.of(
            "admin/*",
            "everyone/*",
            "api/read",
            "api/write",
            "https://api.example.com/orders.read",
            "https://api.example.com/orders.write");
    static final List<String> UNMANAGED =
            List.of("openid", "email", "profile", "aws.cognito.signin.user.admin", "other-api/read");
    static final List<String> CLIENTS = List.of("c0", "c1", "c2");

    /** Policies of up to six groups, up to three defaults, and either no grants or up to three granted clients. */
    static Arbitrary<PolicySpec> policies() {
        Arbitrary<String> scope = Arbitraries.of(SCOPES);
        Arbitrary<Map<String, List<String>>> groups = Arbitraries.maps(
                        Arbitraries.of(GROUPS), scope.list().ofMinSize(1).ofMaxSize(3))
                .ofMaxSize(6);
        Arbitrary<List<String>> defaults = scope.list().ofMaxSize(3);
        Arbitrary<Map<String, List<String>>> grants = Arbitraries.maps(
                        Arbitraries.of(CLIENTS), scope.list().ofMaxSize(3))
                .ofMaxSize(3);
        // A grant may only name managed scopes, so each granted list keeps just those.
        return Combinators.combine(groups, defaults, grants).as((g, d, gr) -> {
            Set<String> managed = managed(g, d);
            Map<String, List<String>> managedGrants = new HashMap<>();
            gr.forEach((client, scopes) -> managedGrants.put(
                    client, scopes.stream().filter(managed::contains).collect(Collectors.toList())));
            return new PolicySpec(g, d, managedGrants);
        });
    }

    /** Client ids a request may carry: granted ones, an unknown one, and null. */
    static Arbitrary<String> clientIds() {
        return Arbitraries.of("c0", "c1", "c2", "unknown-client").injectNull(0.15);
    }

    /** A user's groups: known and unknown names, duplicates and null elements, or null. */
    static Arbitrary<List<String>> userGroups() {
        List<String> names = new ArrayList<>(GROUPS);
        names.add("UNKNOWN");
        return Arbitraries.of(names).injectNull(0.1).list().ofMaxSize(5).injectNull(0.05);
    }

    /** Requested scopes: managed and unmanaged ones, duplicates and null elements, or null. */
    static Arbitrary<List<String>> requestedScopes() {
        List<String> scopes = new ArrayList<>(SCOPES);
        scopes.addAll(UNMANAGED);
        return Arbitraries.of(scopes).injectNull(0.1).list().ofMaxSize(8).injectNull(0.05);
    }

    ScopePolicy policy() {
        ScopePolicy.Builder builder =
                ScopePolicy.builder().groupScopes(groupScopes).defaultScopes(defaultScopes);
        clientGrants.forEach(builder::clientGrant);
        return builder.build();
    }

    Set<String> managed() {
        return managed(groupScopes, defaultScopes);
    }

    Set<String> entitled(String clientId, Collection<String> groups) {
        Set<String> entitled = new HashSet<>(defaultScopes);
        if (groups != null) {
            for (String group : groups) {
                if (group != null && groupScopes.containsKey(group)) {
                    entitled.addAll(groupScopes.get(group));
                }
            }
        }
        if (!clientGrants.isEmpty()) {
            List<String> grant = clientId == null ? null : clientGrants.get(clientId);
            entitled.retainAll(grant == null ? Set.of() : grant);
        }
        return entitled;
    }

    /** The requested scopes without nulls and duplicates. */
    static Set<String> requested(Collection<String> requested) {
        Set<String> result = new TreeSet<>();
        if (requested != null) {
            requested.stream().filter(scope -> scope != null).forEach(result::add);
        }
        return result;
    }

    /** The elements of {@code a} that are also in {@code b}, sorted. */
    static Set<String> common(Collection<String> a, Collection<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.retainAll(b);
        return result;
    }

    private static Set<String> managed(Map<String, List<String>> groupScopes, List<String> defaultScopes) {
        Set<String> managed = new TreeSet<>(defaultScopes);
        groupScopes.values().forEach(managed::addAll);
        return managed;
    }
}
