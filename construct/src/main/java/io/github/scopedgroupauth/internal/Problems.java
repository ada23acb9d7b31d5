package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found in one construct's input, so the user sees all of them at once, and raises
 * them together before anything is defined.
 */
public final class Problems {

    private final List<String> messages = new ArrayList<>();

    /**
     * Records a problem.
     *
     * @param message what is wrong, naming the property and the value, and how to fix it
     */
    public void add(String message) {
        messages.add(message);
    }

    /**
     * Records problems.
     *
     * @param messages what is wrong, each naming the property and the value, and how to fix it
     */
    public void addAll(List<String> messages) {
        this.messages.addAll(messages);
    }

    /**
     * Throws if any problem was recorded: one problem is the whole message; several are listed, one a line.
     *
     * @param construct the construct's path, to name it in a message listing several problems
     * @throws IllegalArgumentException with every problem
     */
    public void throwIfAny(String construct) {
        if (messages.size() == 1) {
            throw new IllegalArgumentException(messages.get(0));
        }
        if (!messages.isEmpty()) {
            throw new IllegalArgumentException(
                    construct + " has " + messages.size() + " problems:\n- " + String.join("\n- ", messages));
        }
    }
}
