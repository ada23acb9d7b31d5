package io.github.scopedgroupauth.examples.playground;

import io.github.scopedgroupauth.runtime.ScopeDecision;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why each scope of one access token was added, suppressed or kept: the function's answer, each scope's reason
 * from the policy (a group, the defaults, the client's grant, or unmanaged), and whether the function's answer
 * is the one the policy decides.
 *
 * @param clientId the app client
 * @param groups the user's groups
 * @param requested the scopes the event carried
 * @param scopes one line per scope
 * @param tokenScopes the access token's scopes
 * @param matchesPolicy whether the function added and suppressed exactly what the policy file decides
 */
record ScopeExplanation(
        String clientId,
        List<String> groups,
        List<String> requested,
        List<ScopeLine> scopes,
        List<String> tokenScopes,
        boolean matchesPolicy) {

    /**
     * One scope's outcome.
     *
     * @param scope the scope
     * @param outcome {@code added}, {@code suppressed} or {@code kept}
     * @param reason why, in words
     */
    record ScopeLine(String scope, String outcome, String reason) {}

    ScopeExplanation {
        groups = List.copyOf(groups);
        requested = List.copyOf(requested);
        scopes = List.copyOf(scopes);
        tokenScopes = List.copyOf(tokenScopes);
    }

    /**
     * Explains an answer.
     *
     * @param policy the policy the function read
     * @param added the function's {@code scopesToAdd}
     * @param suppressed the function's {@code scopesToSuppress}
     */
    static ScopeExplanation of(
            ScopePolicy policy,
            String clientId,
            Collection<String> groups,
            Collection<String> requested,
            Collection<String> added,
            Collection<String> suppressed) {
        Set<String> token = new LinkedHashSet<>(requested);
        token.addAll(added);
        token.removeAll(suppressed);
        Set<String> every = new TreeSet<>(requested);
        every.addAll(added);
        every.addAll(suppressed);
        List<ScopeLine> lines = new ArrayList<>();
        for (String scope : every) {
            String outcome = suppressed.contains(scope) ? "suppressed" : added.contains(scope) ? "added" : "kept";
            lines.add(new ScopeLine(scope, outcome, reason(policy, clientId, groups, scope)));
        }
        ScopeDecision expected = policy.decide(clientId, groups, requested);
        boolean matches = Set.copyOf(expected.scopesToAdd()).equals(Set.copyOf(added))
                && Set.copyOf(expected.scopesToSuppress()).equals(Set.copyOf(suppressed));
        return new ScopeExplanation(
                clientId, List.copyOf(groups), List.copyOf(requested), lines, List.copyOf(token), matches);
    }

    /**
     * An answer that cannot be explained, because the policy file cannot be read: each scope's reason says so.
     *
     * @param problem why the policy file cannot be read
     */
    static ScopeExplanation unexplained(
            String problem,
            String clientId,
            Collection<String> groups,
            Collection<String> requested,
            Collection<String> added,
            Collection<String> suppressed) {
        ScopeExplanation explained = of(ScopePolicy.builder().build(), clientId, groups, requested, added, suppressed);
        List<ScopeLine> lines = explained.scopes().stream()
                .map(line -> new ScopeLine(line.scope(), line.outcome(), "the policy file cannot be read: " + problem))
                .toList();
        return new ScopeExplanation(
                clientId, explained.groups(), explained.requested(), lines, explained.tokenScopes(), false);
    }

    /** What the policy says of one scope for this user on this client. */
    private static String reason(ScopePolicy policy, String clientId, Collection<String> groups, String scope) {
        if (!policy.managedScopes().contains(scope)) {
            return "unmanaged: no group and no default names it, so ScopedGroupAuth leaves it as requested";
        }
        List<String> granting = groups.stream()
                .filter(group ->
                        policy.groupScopes().getOrDefault(group, Set.of()).contains(scope))
                .toList();
        boolean byDefault = policy.defaultScopes().contains(scope);
        boolean clientMay = policy.clientGrants().isEmpty()
                || policy.clientGrants().getOrDefault(clientId, Set.of()).contains(scope);
        String entitlement = !granting.isEmpty()
                ? "group " + String.join(", ", granting)
                : byDefault ? "default: every user of a granted client" : "no group of the user grants it";
        if (!clientMay && (!granting.isEmpty() || byDefault)) {
            return "grant: " + entitlement + ", but the client " + clientId + " is not granted it";
        }
        return entitlement;
    }

    /** {@return the explanation as the command line prints it} */
    String text() {
        StringBuilder text = new StringBuilder();
        text.append("client ")
                .append(clientId)
                .append(", groups ")
                .append(groups)
                .append(", requested ")
                .append(requested)
                .append('\n');
        for (ScopeLine line : scopes) {
            text.append(String.format("  %-10s %s: %s%n", line.outcome(), line.scope(), line.reason()));
        }
        text.append("access token scope: ")
                .append(String.join(" ", tokenScopes))
                .append('\n');
        if (!matchesPolicy) {
            text.append("NOTE: the function's answer differs from the policy file's decision\n");
        }
        return text.toString();
    }
}
