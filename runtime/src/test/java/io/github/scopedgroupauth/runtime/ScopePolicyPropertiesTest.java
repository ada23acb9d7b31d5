package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The decision's invariants over random policies, clients, groups and requested scopes. */
class ScopePolicyPropertiesTest {

    @Provide
    Arbitrary<PolicySpec> policies() {
        return PolicySpec.policies();
    }

    @Provide
    Arbitrary<String> clientIds() {
        return PolicySpec.clientIds();
    }

    @Provide
    Arbitrary<List<String>> groups() {
        return PolicySpec.userGroups();
    }

    @Provide
    Arbitrary<List<String>> requested() {
        return PolicySpec.requestedScopes();
    }

    @Property
    void addsEntitledUnrequestedScopes_andSuppressesRequestedManagedUnentitledOnes(
            @ForAll("policies") PolicySpec spec,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = spec.policy().decide(clientId, groups, requested);

        Set<String> entitled = spec.entitled(clientId, groups);
        Set<String> asked = PolicySpec.requested(requested);
        TreeSet<String> expectedAdd = new TreeSet<>(entitled);
        expectedAdd.removeAll(asked);
        TreeSet<String> expectedSuppress = new TreeSet<>(asked);
        expectedSuppress.retainAll(spec.managed());
        expectedSuppress.removeAll(entitled);
        assertThat(decision.scopesToAdd()).containsExactlyElementsOf(expectedAdd);
        assertThat(decision.scopesToSuppress()).containsExactlyElementsOf(expectedSuppress);
        assertThat(spec.policy().entitledScopes(clientId, groups)).containsExactlyElementsOf(new TreeSet<>(entitled));
    }

    @Property
    void tokenScopesAreOnlyUnmanagedRequestedOrEntitledScopes(
            @ForAll("policies") PolicySpec spec,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = spec.policy().decide(clientId, groups, requested);

        Set<String> allowed = new TreeSet<>(PolicySpec.requested(requested));
        allowed.removeAll(spec.managed());
        allowed.addAll(spec.entitled(clientId, groups));
        assertThat(decision.tokenScopes()).isSubsetOf(allowed);
    }

    @Property
    void tokenScopesHoldEveryEntitledScope(
            @ForAll("policies") PolicySpec spec,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = spec.policy().decide(clientId, groups, requested);

        assertThat(decision.tokenScopes()).containsAll(spec.entitled(clientId, groups));
    }

    @Property
    void neverTouchesUnmanagedScopes(
            @ForAll("policies") PolicySpec spec,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = spec.policy().decide(clientId, groups, requested);

        Set<String> unmanaged = new TreeSet<>(PolicySpec.requested(requested));
        unmanaged.removeAll(spec.managed());
        assertThat(decision.tokenScopes()).containsAll(unmanaged);
        assertThat(PolicySpec.common(decision.scopesToSuppress(), unmanaged)).isEmpty();
        assertThat(decision.scopesToAdd()).isSubsetOf(spec.managed());
    }

    @Property
    void addedAndSuppressedScopesAreDisjointSortedAndDistinct(
            @ForAll("policies") PolicySpec spec,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = spec.policy().decide(clientId, groups, requested);

        assertThat(decision.scopesToAdd()).isSorted().doesNotHaveDuplicates();
        assertThat(PolicySpec.common(decision.scopesToAdd(), decision.scopesToSuppress()))
                .isEmpty();
        assertThat(decision.scopesToSuppress()).isSorted().doesNotHaveDuplicates();
        assertThat(decision.tokenScopes()).isSorted().doesNotHaveDuplicates();
        assertThat(decision.isUnchanged())
                .isEqualTo(decision.scopesToAdd().isEmpty()
                        && decision.scopesToSuppress().isEmpty());
    }

    @Property
    void suppressesOnlyRequestedScopes_andAddsOnlyUnrequestedOnes(
            @ForAll("policies") PolicySpec spec,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = spec.policy().decide(clientId, groups, requested);

        Set<String> asked = PolicySpec.requested(requested);
        assertThat(decision.scopesToSuppress()).isSubsetOf(asked);
        assertThat(PolicySpec.common(decision.scopesToAdd(), asked)).isEmpty();
    }

    @Property
    void decidesTheSame_whateverTheOrderOrRepetitionOfGroupsAndScopes(
            @ForAll("policies") PolicySpec spec,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopePolicy policy = spec.policy();
        ScopeDecision decision = policy.decide(clientId, groups, requested);

        ScopeDecision reordered = policy.decide(clientId, reversedAndRepeated(groups), reversedAndRepeated(requested));

        assertThat(reordered).isEqualTo(decision);
        assertThat(reordered.tokenScopes()).isEqualTo(decision.tokenScopes());
    }

    private static List<String> reversedAndRepeated(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> result = new ArrayList<>(values);
        Collections.reverse(result);
        result.addAll(values);
        return result;
    }
}
