package io.github.scopedgroupauth.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The tests' one model of the decision, written from docs/how-it-works.md and independently of
 * {@link ScopePolicy}: where the policy computes with sets, the model asks of each scope on its own whether it is
 * entitled, added, suppressed or in the token:
 *
 * <ul>
 *   <li>managed = every scope a group or the defaults name;
 *   <li>entitled = the defaults and the scopes of the user's groups, cut to the client's grant when any client
 *       is granted (nothing for a client without a grant);
 *   <li>added = entitled − requested; suppressed = (requested ∩ managed) − entitled;
 *   <li>token = (requested − suppressed) ∪ added.
 * </ul>
 *
 * <p>Null collections and null elements count as empty. The property, differential and fuzz tests compare the
 * decision and the handler with it, and its generators make policies and events whose values collide.
 *
 * @param groups group name to its scopes
 * @param defaults the default scopes
 * @param grants app client id to its granted scopes; empty when no client is granted
 */
public record PolicyModel(Map<String, Set<String>> groups, Set<String> defaults, Map<String, Set<String>> grants) {

    /** Scopes a policy may manage: differing only in case, URL-style, and with '/' at the start or twice. */
    public static final List<String> SCOPES = List.of(
            "api/read", "API/read", "api/Read", "a/b", "admin/*", "https://x.example/o.r", "/a/b", "a//b", "x/-");
    /**
     * Never managed: empty, standard, near misses in spacing and case, look-alikes of '/' (U+2215, U+FF0F) and of
     * letters (Cyrillic a), a zero-width space, a combining accent, and slashes where no scope has them.
     */
    public static final List<String> UNMANAGED = List.of(
            "",
            "openid",
            "aws.cognito.signin.user.admin",
            " api/read",
            "api/read ",
            "API/READ",
            "api\u2215read",
            "api\uff0fread",
            "\u0430dmin/*",
            "admin/*\u200b",
            "api/re\u0301ad",
            "/",
            "a/b/",
            "other/x");
    /** Group names that differ only in case or Unicode normalization. */
    public static final List<String> NAMES = List.of("ADMINS", "admins", "Admins", "G", "\u00c4", "A\u0308");
    /** Client ids a policy may grant; events also carry others, and null. */
    public static final List<String> CLIENTS = List.of("c0", "C0", "c1");

    /**
     * A model whose grants keep only managed scopes, as the policy requires.
     *
     * @param groups group name to its scopes
     * @param defaults the default scopes
     * @param grants the grants before that; null for none
     * @return the model
     */
    public static PolicyModel withGrantsOfManagedScopes(
            Map<String, Set<String>> groups, Set<String> defaults, Map<String, Set<String>> grants) {
        Set<String> managed = new PolicyModel(groups, defaults, Map.of()).managed();
        Map<String, Set<String>> managedGrants = new HashMap<>();
        if (grants != null) {
            grants.forEach((client, scopes) -> {
                Set<String> kept = new HashSet<>(scopes);
                kept.retainAll(managed);
                managedGrants.put(client, kept);
            });
        }
        return new PolicyModel(groups, defaults, managedGrants);
    }

    /**
     * Policies of up to five groups with up to three scopes each, up to two defaults, and no grants or up to two
     * granted clients; each manages at least one scope. Few scopes from a small pool, so that groups often share
     * or repeat the same scope set.
     *
     * @return the generator
     */
    public static Arbitrary<PolicyModel> models() {
        Arbitrary<Set<String>> scopeSet =
                Arbitraries.of(SCOPES).set().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Map<String, Set<String>>> groups =
                Arbitraries.maps(Arbitraries.of(NAMES), scopeSet).ofMaxSize(5);
        Arbitrary<Set<String>> defaults = Arbitraries.of(SCOPES).set().ofMaxSize(2);
        Arbitrary<Map<String, Set<String>>> grants = Arbitraries.maps(
                        Arbitraries.of(CLIENTS), Arbitraries.of(SCOPES).set().ofMaxSize(4))
                .ofMaxSize(2)
                .injectNull(0.5);
        return Combinators.combine(groups, defaults, grants)
                .as(PolicyModel::withGrantsOfManagedScopes)
                .filter(model -> !model.managed().isEmpty());
    }

    /**
     * Client ids as events carry them: granted, near misses, empty, unknown and null.
     *
     * @return the generator
     */
    public static Arbitrary<String> clientIds() {
        return Arbitraries.of("c0", "C0", "c1", "", "unknown").injectNull(0.1);
    }

    /**
     * A user's groups: known names, near misses and unknown ones, duplicates and null elements, or null.
     *
     * @return the generator
     */
    public static Arbitrary<List<String>> userGroups() {
        List<String> names = new ArrayList<>(NAMES);
        names.addAll(List.of("", "UNKNOWN", "g"));
        return Arbitraries.of(names).injectNull(0.1).list().ofMaxSize(6).injectNull(0.05);
    }

    /**
     * Requested scopes: managed and unmanaged ones, duplicates and null elements, or null.
     *
     * @return the generator
     */
    public static Arbitrary<List<String>> requestedScopes() {
        Arbitrary<String> scope = Arbitraries.oneOf(Arbitraries.of(SCOPES), Arbitraries.of(UNMANAGED));
        return scope.injectNull(0.1).list().ofMaxSize(20).injectNull(0.05);
    }

    /**
     * The policy under test, built from the same tables through the public builder.
     *
     * @return the policy
     */
    public ScopePolicy policy() {
        ScopePolicy.Builder builder = ScopePolicy.builder().groupScopes(groups).defaultScopes(defaults);
        grants.forEach(builder::clientGrant);
        return builder.build();
    }

    /**
     * Every scope a group or the defaults name.
     *
     * @return the managed scopes
     */
    public Set<String> managed() {
        Set<String> managed = new HashSet<>(defaults);
        groups.values().forEach(managed::addAll);
        return managed;
    }

    /**
     * The scopes a user in these groups may carry on this client.
     *
     * @param clientId the client id; may be null
     * @param userGroups the user's groups; may be null or hold nulls
     * @return the entitled scopes, sorted
     */
    public SortedSet<String> entitled(String clientId, Collection<String> userGroups) {
        Set<String> member = present(userGroups);
        return where(managed(), scope -> isEntitled(scope, clientId, member));
    }

    /**
     * The scopes to add: entitled and not requested.
     *
     * @param clientId the client id; may be null
     * @param userGroups the user's groups; may be null or hold nulls
     * @param requested the requested scopes; may be null or hold nulls
     * @return the scopes, sorted
     */
    public SortedSet<String> toAdd(String clientId, Collection<String> userGroups, Collection<String> requested) {
        Set<String> member = present(userGroups);
        Set<String> asked = present(requested);
        return where(managed(), scope -> isEntitled(scope, clientId, member) && !asked.contains(scope));
    }

    /**
     * The scopes to suppress: requested, managed and not entitled.
     *
     * @param clientId the client id; may be null
     * @param userGroups the user's groups; may be null or hold nulls
     * @param requested the requested scopes; may be null or hold nulls
     * @return the scopes, sorted
     */
    public SortedSet<String> toSuppress(String clientId, Collection<String> userGroups, Collection<String> requested) {
        Set<String> member = present(userGroups);
        Set<String> managed = managed();
        return where(present(requested), scope -> managed.contains(scope) && !isEntitled(scope, clientId, member));
    }

    /**
     * The scopes the access token carries once Cognito applies the decision, stated directly as
     * docs/how-it-works.md states it: the requested unmanaged scopes and the entitled ones.
     *
     * @param clientId the client id; may be null
     * @param userGroups the user's groups; may be null or hold nulls
     * @param requested the requested scopes; may be null or hold nulls
     * @return the scopes, sorted
     */
    public SortedSet<String> token(String clientId, Collection<String> userGroups, Collection<String> requested) {
        Set<String> member = present(userGroups);
        Set<String> asked = present(requested);
        Set<String> managed = managed();
        Set<String> candidates = new HashSet<>(managed);
        candidates.addAll(asked);
        return where(
                candidates,
                scope -> managed.contains(scope) ? isEntitled(scope, clientId, member) : asked.contains(scope));
    }

    /**
     * One scope at a time, so that the model shares no set algebra with the policy: a scope is entitled when the
     * defaults or one of the user's groups name it, and, once any client is granted, the calling client's grant
     * names it too.
     */
    private boolean isEntitled(String scope, String clientId, Set<String> member) {
        boolean named = defaults.contains(scope);
        for (String group : member) {
            named |= groups.containsKey(group) && groups.get(group).contains(scope);
        }
        boolean granted = grants.isEmpty()
                || (clientId != null
                        && grants.containsKey(clientId)
                        && grants.get(clientId).contains(scope));
        return named && granted;
    }

    private static SortedSet<String> where(Collection<String> scopes, Predicate<String> test) {
        SortedSet<String> kept = new TreeSet<>();
        for (String scope : scopes) {
            if (test.test(scope)) {
                kept.add(scope);
            }
        }
        return kept;
    }

    /**
     * The values without nulls and duplicates, sorted.
     *
     * @param values the values; may be null or hold nulls
     * @return a new sorted set
     */
    static SortedSet<String> present(Collection<String> values) {
        SortedSet<String> present = new TreeSet<>();
        if (values != null) {
            values.stream().filter(value -> value != null).forEach(present::add);
        }
        return present;
    }
}
