package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The warm path's group table: every group found, with its scopes sorted; nothing else found. */
class SortedScopesByGroupTest {

    @Test
    void namesWithTheSameHashCode_areToldApart() {
        // "Aa" and "BB" have the same String.hashCode, and so do all their concatenations of equal length.
        Map<String, Set<String>> groups = Map.of(
                "AaAa", Set.of("a/1"), "AaBB", Set.of("a/2"), "BBAa", Set.of("a/3", "a/0"), "BBBB", Set.of("a/4"));
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode());

        SortedScopesByGroup table = new SortedScopesByGroup(groups);

        assertThat(table.get("AaAa")).containsExactly("a/1");
        assertThat(table.get("AaBB")).containsExactly("a/2");
        assertThat(table.get("BBAa")).containsExactly("a/0", "a/3");
        assertThat(table.get("BBBB")).containsExactly("a/4");
        assertThat(table.get("AaAB")).isNull();
        assertThat(table.get("aaaa")).isNull();
    }

    @Test
    void tenThousandGroups_areEachFound_andUnknownNamesAreNot() {
        Map<String, Set<String>> groups = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            groups.put("G" + i, Set.of("api/s" + (i % 40), "api/t" + (i % 7)));
        }

        SortedScopesByGroup table = new SortedScopesByGroup(groups);

        for (int i = 0; i < 10_000; i++) {
            String first = "api/s" + (i % 40);
            String second = "api/t" + (i % 7);
            assertThat(table.get("G" + i))
                    .as("G%d", i)
                    .containsExactly(
                            first.compareTo(second) < 0 ? first : second, first.compareTo(second) < 0 ? second : first);
            assertThat(table.get("g" + i)).isNull();
        }
        assertThat(table.get("")).isNull();
    }

    @Test
    void anEmptyPolicy_findsNothing() {
        SortedScopesByGroup table = new SortedScopesByGroup(Map.of());

        assertThat(table.get("ADMINS")).isNull();
        assertThat(table.get("")).isNull();
    }
}
