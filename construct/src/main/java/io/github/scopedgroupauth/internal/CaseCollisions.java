package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.policy.Printable;
import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.constructs.Construct;

/**
 * Warns about group names and resource server identifiers that differ only by case, such as {@code ADMINS}
 * and {@code Admins}, or only by Unicode normalization, such as {@code É} written as one character or as
 * {@code E} and a combining accent: legal, but easy to mix up when adding users to groups or naming scopes in
 * an API.
 *
 * <p>Names are compared after NFKC normalization and case folding with the JDK ({@link Normalizer}, then upper
 * and lower case in {@link Locale#ROOT}). That catches compatibility forms (full-width letters, ligatures) and
 * {@code ß} beside {@code SS}, but not look-alikes from other scripts (Cyrillic {@code А} for Latin {@code A}),
 * which only Unicode's confusables data tells apart, nor {@code İ}, which folds to {@code i} with a combining dot.
 */
public final class CaseCollisions {

    /** The warning's id, which {@code Annotations.acknowledgeWarning} takes. */
    static final String WARNING_ID = "scoped-group-auth:caseOnlyDifference";

    private CaseCollisions() {}

    /**
     * Adds one warning per set of names that differ only by case or normalization.
     *
     * @param scope the construct to attach the warnings to
     * @param plan the validated plan
     */
    public static void warn(Construct scope, ScopePlan plan) {
        for (List<String> names : collisions(plan.groupScopes().keySet())) {
            Annotations.of(scope)
                    .addWarningV2(
                            WARNING_ID,
                            "`groupScopes` names groups " + quoted(names) + ", which " + difference(names)
                                    + "; that is easy to mix up when adding users to groups: use one spelling"
                                    + " unless you mean separate groups");
        }
        for (List<String> identifiers : collisions(plan.scopeNamesByIdentifier().keySet())) {
            Annotations.of(scope)
                    .addWarningV2(
                            WARNING_ID,
                            "the managed scopes name resource servers " + quoted(identifiers) + ", which "
                                    + difference(identifiers) + "; tokens and API authorization scopes must then use"
                                    + " the exact spelling: use one spelling unless you mean separate resource"
                                    + " servers");
        }
    }

    static List<List<String>> collisions(Collection<String> names) {
        Map<String, TreeSet<String>> byFolded = new TreeMap<>();
        names.forEach(name ->
                byFolded.computeIfAbsent(folded(name), key -> new TreeSet<>()).add(name));
        return byFolded.values().stream()
                .filter(spellings -> spellings.size() > 1)
                .map(List::copyOf)
                .collect(Collectors.toList());
    }

    /** NFKC, then case folded as the JDK can: upper then lower case maps ß and SS, and ǅ and Ǆ, alike. */
    static String folded(String name) {
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        return Normalizer.normalize(compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    private static String difference(List<String> names) {
        long lowerCaseSpellings = names.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .distinct()
                .count();
        return lowerCaseSpellings == 1
                ? "differ only by case"
                : "differ only by Unicode normalization (NFKC) or case and may look alike";
    }

    /** Each name quoted, with its code points when it is not plain ASCII, since look-alikes print alike. */
    private static String quoted(List<String> names) {
        return names.stream()
                .map(name -> "'" + Printable.escape(name) + "'" + codePoints(name))
                .collect(Collectors.joining(" and "));
    }

    private static String codePoints(String name) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return "";
        }
        return name.codePoints()
                .mapToObj(point -> String.format("U+%04X", point))
                .collect(Collectors.joining(" ", " (", ")"));
    }
}
