package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopedGroupAuthProps;
import io.github.scopedgroupauth.runtime.policy.Printable;
import io.github.scopedgroupauth.runtime.policy.ScopeSyntax;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cognito.LambdaVersion;

/**
 * The validated, sorted model of a {@link ScopedGroupAuthProps}: which groups grant which scopes, which
 * resource servers hold them, and how each scope is described. Sorting keeps templates and the policy file
 * the same whatever the order of the maps the user passed.
 */
public final class ScopePlan {

    static final int MAX_SCOPES_PER_RESOURCE_SERVER = 100;
    static final int MAX_RESOURCE_SERVERS = 300;
    static final int MAX_DESCRIPTION_LENGTH = 256;

    private final SortedMap<String, SortedSet<String>> groupScopes = new TreeMap<>();
    private final SortedSet<String> defaultScopes = new TreeSet<>();
    private final SortedSet<String> managedScopes = new TreeSet<>();
    private final SortedMap<String, SortedSet<String>> scopeNamesByIdentifier = new TreeMap<>();
    private final Map<String, String> descriptions;

    private ScopePlan(ScopedGroupAuthProps props, Problems problems) {
        Map<String, List<String>> groups = props.getGroupScopes();
        if (groups == null || groups.isEmpty()) {
            problems.add("`groupScopes` is empty; map at least one group name to its scopes, e.g."
                    + " Map.of(\"ADMINS\", List.of(\"admin/*\"))");
        } else {
            groups.forEach((group, scopes) -> addGroup(group, scopes, problems));
        }
        if (isListToken(props.getDefaultScopes())) {
            problems.add("`defaultScopes`: the list of scopes is a deploy-time token; scopes must be known at synth"
                    + " time");
        } else if (props.getDefaultScopes() != null) {
            for (String scope : props.getDefaultScopes()) {
                if (checkScope("`defaultScopes`", scope, problems)) {
                    defaultScopes.add(scope);
                }
            }
        }
        managedScopes.addAll(defaultScopes);
        groupScopes.values().forEach(managedScopes::addAll);
        for (String scope : managedScopes) {
            scopeNamesByIdentifier
                    .computeIfAbsent(ScopeSyntax.identifier(scope), key -> new TreeSet<>())
                    .add(ScopeSyntax.name(scope));
        }
        checkResourceServers(problems);
        this.descriptions = describe(props.getScopeDescriptions(), problems);
        checkLambdaVersion(props.getLambdaVersion(), problems);
    }

    /**
     * Validates the scope-related properties, recording each problem.
     *
     * @param props the construct's properties
     * @param problems where to record problems
     * @return the plan; meaningful only if no problem was recorded
     */
    public static ScopePlan of(ScopedGroupAuthProps props, Problems problems) {
        return new ScopePlan(props, problems);
    }

    /** Checks the scopes of a group even when its name is bad, so that one run reports both. */
    private void addGroup(String group, List<String> scopes, Problems problems) {
        boolean validName = checkGroupName(group, problems);
        String entry = "`groupScopes` entry '" + Printable.escape(group) + "'";
        if (scopes == null || scopes.isEmpty()) {
            problems.add(entry + " has no scopes; give each group at least one scope such as 'admin/*'");
            return;
        }
        if (isListToken(scopes)) {
            problems.add(entry + ": the list of scopes is a deploy-time token; scopes must be known at synth time");
            return;
        }
        SortedSet<String> valid = new TreeSet<>();
        for (String scope : scopes) {
            if (checkScope(entry, scope, problems)) {
                valid.add(scope);
            }
        }
        if (validName) {
            groupScopes.put(group, valid);
        }
    }

    /** A list from a parameter or an attribute: a string token of its own kind, which isUnresolved(String) misses. */
    private static boolean isListToken(List<String> values) {
        return values != null && values.size() == 1 && mayBeToken(values.get(0)) && Token.isUnresolved(values);
    }

    private static boolean isToken(String value) {
        return mayBeToken(value) && Token.isUnresolved(value);
    }

    /** Every string token has this marker; checking it first spares a call into the CDK per group and scope. */
    static boolean mayBeToken(String value) {
        return value != null && value.contains("Token[");
    }

    private static boolean checkGroupName(String group, Problems problems) {
        if (group == null || group.isEmpty()) {
            problems.add("`groupScopes` has an empty group name; group names are 1 to "
                    + ScopeSyntax.MAX_GROUP_NAME_LENGTH + " characters");
            return false;
        }
        if (isToken(group)) {
            problems.add("`groupScopes` group name '" + group + "' is a deploy-time token; group names must be"
                    + " known at synth time");
            return false;
        }
        return ScopeSyntax.groupNameProblem(group)
                .map(problem -> {
                    problems.add("`groupScopes` group name '" + Printable.escape(group) + "' " + problem);
                    return false;
                })
                .orElse(true);
    }

    private static boolean checkScope(String where, String scope, Problems problems) {
        if (isToken(scope)) {
            problems.add(
                    where + ": scope '" + scope + "' is a deploy-time token; scopes must be known at synth" + " time");
            return false;
        }
        return ScopeSyntax.problem(scope)
                .map(problem -> {
                    problems.add(where + ": scope '" + Printable.escape(scope) + "' " + problem);
                    return false;
                })
                .orElse(true);
    }

    private void checkResourceServers(Problems problems) {
        scopeNamesByIdentifier.forEach((identifier, names) -> {
            if (names.size() > MAX_SCOPES_PER_RESOURCE_SERVER) {
                problems.add("resource server '" + identifier + "' would have " + names.size() + " scopes;"
                        + " Cognito allows at most " + MAX_SCOPES_PER_RESOURCE_SERVER + " per resource server:"
                        + " spread them over several identifiers");
            }
        });
        if (scopeNamesByIdentifier.size() > MAX_RESOURCE_SERVERS) {
            problems.add("`groupScopes` and `defaultScopes` name " + scopeNamesByIdentifier.size()
                    + " resource server identifiers; Cognito allows at most " + MAX_RESOURCE_SERVERS
                    + " per user pool: use fewer identifiers");
        }
    }

    private Map<String, String> describe(Map<String, String> given, Problems problems) {
        Map<String, String> result = new TreeMap<>();
        for (String scope : managedScopes) {
            result.put(scope, defaultDescription(scope));
        }
        if (given != null) {
            given.forEach((scope, description) -> {
                if (!managedScopes.contains(scope)) {
                    problems.add("`scopeDescriptions` names scope '" + Printable.escape(scope) + "', which no group or"
                            + " default"
                            + " grants; describe only managed scopes: " + managedScopes);
                } else if (description == null
                        || description.isEmpty()
                        || description.length() > MAX_DESCRIPTION_LENGTH) {
                    problems.add("`scopeDescriptions` entry '" + scope + "' is "
                            + (description == null ? 0 : description.length()) + " characters long; scope"
                            + " descriptions are 1 to " + MAX_DESCRIPTION_LENGTH + " characters");
                } else {
                    result.put(scope, description);
                }
            });
        }
        return Collections.unmodifiableMap(result);
    }

    private String defaultDescription(String scope) {
        if (defaultScopes.contains(scope)) {
            return "Granted to every signed-in user";
        }
        StringBuilder text = new StringBuilder("Granted to group");
        List<String> granting = groupScopes.entrySet().stream()
                .filter(entry -> entry.getValue().contains(scope))
                .map(Map.Entry::getKey)
                .toList();
        text.append(granting.size() == 1 ? " " : "s ");
        for (int i = 0; i < granting.size(); i++) {
            String next = (i == 0 ? "" : ", ") + granting.get(i);
            String more = " and " + (granting.size() - i) + " more";
            if (text.length() + next.length() + more.length() > MAX_DESCRIPTION_LENGTH) {
                return text.append(more).toString();
            }
            text.append(next);
        }
        return text.toString();
    }

    private static void checkLambdaVersion(LambdaVersion version, Problems problems) {
        if (version == LambdaVersion.V1_0) {
            problems.add("`lambdaVersion` is V1_0, whose events cannot change access tokens; use"
                    + " LambdaVersion.V2_0 or LambdaVersion.V3_0");
        }
    }

    /**
     * Group name to its scopes, sorted.
     *
     * @return an unmodifiable view
     */
    public SortedMap<String, SortedSet<String>> groupScopes() {
        return Collections.unmodifiableSortedMap(groupScopes);
    }

    /**
     * The default scopes, sorted.
     *
     * @return an unmodifiable view
     */
    public SortedSet<String> defaultScopes() {
        return Collections.unmodifiableSortedSet(defaultScopes);
    }

    /**
     * Every scope a group or the defaults name, sorted; the policy file numbers them in this order.
     *
     * @return an unmodifiable view
     */
    public SortedSet<String> managedScopes() {
        return Collections.unmodifiableSortedSet(managedScopes);
    }

    /**
     * Resource server identifier to the names of its managed scopes.
     *
     * @return an unmodifiable view
     */
    public SortedMap<String, SortedSet<String>> scopeNamesByIdentifier() {
        return Collections.unmodifiableSortedMap(scopeNamesByIdentifier);
    }

    /**
     * The description of a managed scope: the one given, or one naming the groups that grant it.
     *
     * @param scope a managed scope
     * @return its description
     */
    public String description(String scope) {
        return descriptions.get(scope);
    }
}
