package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"G%d", "group-%d", "%d", "tenant-%d-admins"})
    void numberedNames_areSpreadOverTheTable_soEveryLookupVisitsFewSlots(String pattern) {
        // Numbered names have neighbouring hash codes; taken by their low bits, they filled runs of 300 slots.
        Map<String, Set<String>> groups = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            groups.put(String.format(pattern, i), Set.of("api/read"));
        }

        SortedScopesByGroup table = new SortedScopesByGroup(groups);

        int mostVisited = 0;
        for (int i = 0; i < 10_000; i++) {
            mostVisited = Math.max(mostVisited, table.slotsVisited(String.format(pattern, i)));
            mostVisited = Math.max(mostVisited, table.slotsVisited(String.format(pattern, i + 10_000)));
        }
        assertThat(mostVisited).as("slots visited by the worst lookup").isLessThanOrEqualTo(32);
    }

    @Test
    void anEmptyPolicy_findsNothing() {
        SortedScopesByGroup table = new SortedScopesByGroup(Map.of());

        assertThat(table.get("ADMINS")).isNull();
        assertThat(table.get("")).isNull();
    }

    @ParameterizedTest(name = "{0} groups")
    @ValueSource(ints = {1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 1023, 1024, 1025, 4096})
    void groupsWhoseNamesAllShareOneHashCode_areFoundAtEveryTableSize_andUnknownOnesAreNot(int count) {
        // Each name is 12 blocks of "Aa" or "BB", which hash alike: every group lands in one probe sequence.
        Map<String, Set<String>> groups = new HashMap<>();
        for (int i = 0; i < count; i++) {
            groups.put(sameHash(i, "BB"), Set.of("api/s" + i));
        }

        SortedScopesByGroup table = new SortedScopesByGroup(groups);

        for (int i = 0; i < count; i++) {
            assertThat(table.get(sameHash(i, "BB"))).as("group %d", i).containsExactly("api/s" + i);
        }
        // "C#" hashes as "Aa" does, so these unknown names walk the whole crowded sequence; it must end.
        for (int i = 1; i <= 64; i++) {
            String unknown = sameHash(i, "C#");
            assertThat(unknown.hashCode()).isEqualTo(sameHash(0, "BB").hashCode());
            assertThat(table.get(unknown)).as(unknown).isNull();
        }
    }

    /** Bit k of i chooses the k-th block: "Aa" for 0, the other block for 1. */
    private static String sameHash(int i, String other) {
        StringBuilder name = new StringBuilder();
        for (int bit = 11; bit >= 0; bit--) {
            name.append((i >> bit & 1) == 0 ? "Aa" : other);
        }
        return name.toString();
    }
}
