package io.github.scopedgroupauth;

import java.util.List;
import java.util.Map;

/** Resolves a template value built from literals, {@code Ref}s and {@code Fn::Join}, as CloudFormation would. */
final class Substitution {

    private Substitution() {}

    /**
     * Resolves {@code value}, replacing each {@code Ref} to a logical id that starts with a key of
     * {@code refs} by its value.
     */
    static String resolve(Object value, Map<String, String> refs) {
        if (value instanceof String text) {
            return text;
        }
        Map<?, ?> intrinsic = (Map<?, ?>) value;
        if (intrinsic.containsKey("Ref")) {
            String logicalId = (String) intrinsic.get("Ref");
            return refs.entrySet().stream()
                    .filter(ref -> logicalId.startsWith(ref.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no test value for Ref " + logicalId));
        }
        List<?> join = (List<?>) intrinsic.get("Fn::Join");
        StringBuilder joined = new StringBuilder();
        List<?> parts = (List<?>) join.get(1);
        for (int i = 0; i < parts.size(); i++) {
            joined.append(i == 0 ? "" : join.get(0)).append(resolve(parts.get(i), refs));
        }
        return joined.toString();
    }
}
