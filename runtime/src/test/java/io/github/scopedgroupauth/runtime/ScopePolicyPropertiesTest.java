package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The decision's invariants over random policies, clients, groups and requested scopes, stated without the
 * model's formulas: the token holds every entitled scope and no other managed one, unmanaged scopes are never
 * touched, and the answer does not depend on order or repetition.
 */
class ScopePolicyPropertiesTest {

    @Provide
    Arbitrary<PolicyModel> policies() {
        return PolicyModel.models();
    }

    @Provide
    Arbitrary<String> clientIds() {
        return PolicyModel.clientIds();
    }

    @Provide
    Arbitrary<List<String>> groups() {
        return PolicyModel.userGroups();
    }

    @Provide
    Arbitrary<List<String>> requested() {
        return PolicyModel.requestedScopes();
    }

    @Property
    void tokenScopesAreOnlyUnmanagedRequestedOrEntitledScopes(
            @ForAll("policies") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = model.policy().decide(clientId, groups, requested);

        Set<String> allowed = new TreeSet<>(PolicyModel.present(requested));
        allowed.removeAll(model.managed());
        allowed.addAll(model.entitled(clientId, groups));
        assertThat(decision.tokenScopes()).isSubsetOf(allowed);
    }

    @Property
    void tokenScopesHoldEveryEntitledScope(
            @ForAll("policies") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = model.policy().decide(clientId, groups, requested);

        assertThat(decision.tokenScopes()).containsAll(model.entitled(clientId, groups));
    }

    @Property
    void neverTouchesUnmanagedScopes(
            @ForAll("policies") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = model.policy().decide(clientId, groups, requested);

        Set<String> unmanaged = new TreeSet<>(PolicyModel.present(requested));
        unmanaged.removeAll(model.managed());
        assertThat(decision.tokenScopes()).containsAll(unmanaged);
        assertThat(common(decision.scopesToSuppress(), unmanaged)).isEmpty();
        assertThat(decision.scopesToAdd()).isSubsetOf(model.managed());
    }

    @Property
    void addedAndSuppressedScopesAreDisjointSortedAndDistinct(
            @ForAll("policies") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = model.policy().decide(clientId, groups, requested);

        assertThat(decision.scopesToAdd()).isSorted().doesNotHaveDuplicates();
        assertThat(common(decision.scopesToAdd(), decision.scopesToSuppress())).isEmpty();
        assertThat(decision.scopesToSuppress()).isSorted().doesNotHaveDuplicates();
        assertThat(decision.tokenScopes()).isSorted().doesNotHaveDuplicates();
        assertThat(decision.isUnchanged())
                .isEqualTo(decision.scopesToAdd().isEmpty()
                        && decision.scopesToSuppress().isEmpty());
    }

    @Property
    void suppressesOnlyRequestedScopes_andAddsOnlyUnrequestedOnes(
            @ForAll("policies") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopeDecision decision = model.policy().decide(clientId, groups, requested);

        Set<String> asked = PolicyModel.present(requested);
        assertThat(decision.scopesToSuppress()).isSubsetOf(asked);
        assertThat(common(decision.scopesToAdd(), asked)).isEmpty();
    }

    @Property
    void decidesTheSame_whateverTheOrderOrRepetitionOfGroupsAndScopes(
            @ForAll("policies") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("groups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopePolicy policy = model.policy();
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

    /** The elements of {@code a} that are also in {@code b}. */
    private static Set<String> common(Collection<String> a, Collection<String> b) {
        Set<String> common = new TreeSet<>(a);
        common.retainAll(b);
        return common;
    }
}
