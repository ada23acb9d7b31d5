package io.github.scopedgroupauth.runtime;

import java.util.Map;
import java.util.Set;

/**
 * Each group's scopes as a sorted array, found by group name: the lookup of the handler's warm path. An
 * open-addressing table over plain arrays, so a lookup is one hash and a few {@link String#equals} calls, with no
 * interface call, boxing or iterator; it matters under Lambda's C1-only JIT, which inlines none of those.
 */
final class SortedScopesByGroup {

    // At most half full, so every probe sequence ends at an empty slot.
    private final String[] names;
    private final String[][] scopes;
    private final int mask;
    private final int shift;

    SortedScopesByGroup(Map<String, Set<String>> groupScopes) {
        int capacity = Integer.highestOneBit(Math.max(1, groupScopes.size()) * 2) * 2;
        names = new String[capacity];
        scopes = new String[capacity][];
        mask = capacity - 1;
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
        for (Map.Entry<String, Set<String>> group : groupScopes.entrySet()) {
            int slot = slotOf(group.getKey());
            names[slot] = group.getKey();
            scopes[slot] = ScopePolicy.sortedArray(group.getValue());
        }
    }

    /**
     * The group's scopes, sorted and without duplicates; callers must not write into them.
     *
     * @param group a group name; not null
     * @return the scopes, or null if the policy has no such group
     */
    String[] get(String group) {
        return scopes[slotOf(group)];
    }

    /**
     * How many slots a lookup of this name visits: one when it finds its own or an empty slot at once. For the
     * tests of the table's spread.
     *
     * @param group a group name; not null
     * @return the number of slots visited
     */
    int slotsVisited(String group) {
        return ((slotOf(group) - homeSlot(group)) & mask) + 1;
    }

    /** The group's slot, or the empty slot where it would go. */
    private int slotOf(String group) {
        int slot = homeSlot(group);
        while (names[slot] != null && !names[slot].equals(group)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    // The hash code times 2^32 / φ, top bits: names such as G1, G2, … have neighbouring hash codes, whose low
    // bits alone would fill runs of adjacent slots hundreds long.
    private int homeSlot(String group) {
        return (group.hashCode() * 0x9E3779B9) >>> shift;
    }
}
