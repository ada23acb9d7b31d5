package io.github.scopedgroupauth.internal;

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
 * and {@code Admins}: legal, but easy to mix up when adding users to groups or naming scopes in an API.
 */
public final class CaseCollisions {

    /** The warning's id, which {@code Annotations.acknowledgeWarning} takes. */
    static final String WARNING_ID = "scoped-group-auth:caseOnlyDifference";

    private CaseCollisions() {}

    /**
     * Adds one warning per set of names that differ only by case.
     *
     * @param scope the construct to attach the warnings to
     * @param plan the validated plan
     */
    public static void warn(Construct scope, ScopePlan plan) {
        for (List<String> names : collisions(plan.groupScopes().keySet())) {
            Annotations.of(scope)
                    .addWarningV2(
                            WARNING_ID,
                            "`groupScopes` names groups " + quoted(names)
                                    + ", which differ only by case; that is easy to mix up when adding users to groups: use one"
                                    + " spelling unless you mean separate groups");
        }
        for (List<String> identifiers : collisions(plan.scopeNamesByIdentifier().keySet())) {
            Annotations.of(scope)
                    .addWarningV2(
                            WARNING_ID,
                            "the managed scopes name resource servers "
                                    + quoted(identifiers)
                                    + ", which differ only by case; tokens and API authorization scopes"
                                    + " must then use the exact spelling: use one spelling unless you mean separate resource"
                                    + " servers");
        }
    }

    static List<List<String>> collisions(Collection<String> names) {
        Map<String, TreeSet<String>> byLowerCase = new TreeMap<>();
        names.forEach(name -> byLowerCase
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new TreeSet<>())
                .add(name));
        return byLowerCase.values().stream()
                .filter(spellings -> spellings.size() > 1)
                .map(List::copyOf)
                .collect(Collectors.toList());
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(" and "));
    }
}
