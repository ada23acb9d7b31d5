package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of a decision hold for one made by the public constructor too. */
class ScopeDecisionTest {

    private static final ScopePolicy ADMINS_AND_EVERYONE = ScopePolicy.builder()
            .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
            .build();

    @Test
    void equalsTheDecisionOfThePolicy_whenBuiltWithTheSameScopes() {
        ScopeDecision decided = ADMINS_AND_EVERYONE.decide("web", List.of("EVERYONE"), List.of("admin/*", "openid"));

        assertThat(decided)
                .isEqualTo(
                        new ScopeDecision(List.of("everyone/*"), List.of("admin/*"), List.of("everyone/*", "openid")));
    }

    @Test
    void keepsSortedImmutableCopiesWithoutDuplicates_whenGivenUnsortedListsThatChangeLater() {
        // given
        List<String> toAdd = new ArrayList<>(List.of("b/2", "a/1", "b/2"));
        List<String> tokenScopes = new ArrayList<>(List.of("openid", "b/2", "a/1"));

        // when
        ScopeDecision decision = new ScopeDecision(toAdd, List.of(), tokenScopes);
        toAdd.add("c/3");
        tokenScopes.clear();

        // then
        assertThat(decision.scopesToAdd()).containsExactly("a/1", "b/2");
        assertThat(decision.tokenScopes()).containsExactly("a/1", "b/2", "openid");
        assertThatThrownBy(() -> decision.scopesToAdd().add("d/4")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAScopeBothAddedAndSuppressed() {
        assertThatThrownBy(() -> new ScopeDecision(List.of("admin/*"), List.of("admin/*"), List.of("admin/*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`scopesToAdd` and `scopesToSuppress` both have 'admin/*'; a scope is either added or"
                        + " suppressed");
    }

    @Test
    void refusesAnAddedScopeMissingFromTheToken() {
        assertThatThrownBy(() -> new ScopeDecision(List.of("admin/*"), List.of(), List.of("openid")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`scopesToAdd` has 'admin/*', which `tokenScopes` lacks; the token carries every added"
                        + " scope");
    }

    @Test
    void refusesASuppressedScopeLeftInTheToken() {
        assertThatThrownBy(() -> new ScopeDecision(List.of(), List.of("admin/*"), List.of("admin/*", "openid")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`scopesToSuppress` has 'admin/*', which `tokenScopes` has too; the token carries no"
                        + " suppressed scope");
    }

    @Test
    void escapesALineBreakInTheScopeItQuotes_soTheMessageCannotForgeALine() {
        assertThatThrownBy(() -> new ScopeDecision(List.of("a/b\nERROR forged"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`scopesToAdd` has 'a/b\\u000AERROR forged', which `tokenScopes` lacks; the token carries"
                        + " every added scope");
    }

    @Test
    void refusesNullListsAndScopes() {
        assertThatThrownBy(() -> new ScopeDecision(null, List.of(), List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("scopesToAdd");
        assertThatThrownBy(() -> new ScopeDecision(List.of(), Arrays.asList("admin/*", null), List.of()))
                .isInstanceOf(NullPointerException.class);
    }
}
