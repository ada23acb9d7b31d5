package io.github.scopedgroupauth.runtime;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Writes a scope decision into an event's response, merged with what the trigger's own code wrote there
 * before: the one place that turns a decision into a response, for the embedded handler (whose response starts
 * empty) and for {@link ScopedGroupAuthScopes#apply}.
 *
 * <p>Claims and suppressions the code wrote are kept, because they can only narrow or annotate a token. An added
 * scope is kept only if it is unmanaged or the user is entitled to it. The decision's additions and suppressions
 * are added, and a scope both added and suppressed is left out of the additions (Cognito lets suppression win).
 * Claims an authorizer reads to check scopes or the client ({@link #PROTECTED_CLAIMS}) are removed from both
 * tokens' claims to add or override, so that no claim can carry a scope the policy did not allow.
 */
final class ScopeResponse {

    /**
     * Claims that API Gateway authorizers, and most resource servers, read as the token's scopes, client or
     * kind. Cognito documents them as claims a trigger cannot change; if it ever honoured one, a claim could
     * carry a scope past the policy, so they are removed either way.
     */
    static final Set<String> PROTECTED_CLAIMS = Set.of("scope", "client_id", "aud", "token_use");

    /**
     * What the merge took out of the code's response, for the log.
     *
     * @param droppedScopes added managed scopes the user is not entitled to, sorted
     * @param removedClaims protected claim names removed, sorted
     */
    record Removed(List<String> droppedScopes, List<String> removedClaims) {

        boolean isEmpty() {
            return droppedScopes.isEmpty() && removedClaims.isEmpty();
        }
    }

    private ScopeResponse() {}

    /**
     * Merges the decision into the response.
     *
     * @param response the response as the trigger's code left it; not null
     * @param managed the policy's managed scopes
     * @param entitled the managed scopes this user may carry on this client
     * @param decision what the policy adds and suppresses
     * @return what was taken out of the code's response
     */
    static Removed merge(Response response, Set<String> managed, Set<String> entitled, ScopeDecision decision) {
        ClaimsAndScopeOverrideDetails details = response.getClaimsAndScopeOverrideDetails();
        AccessTokenGeneration access = details == null ? null : details.getAccessTokenGeneration();
        IdTokenGeneration id = details == null ? null : details.getIdTokenGeneration();
        SortedSet<String> removedClaims = new TreeSet<>();
        if (access != null) {
            access.setClaimsToAddOrOverride(withoutProtected(access.getClaimsToAddOrOverride(), removedClaims));
        }
        if (id != null) {
            id.setClaimsToAddOrOverride(withoutProtected(id.getClaimsToAddOrOverride(), removedClaims));
        }
        SortedSet<String> suppress = present(access == null ? null : access.getScopesToSuppress());
        suppress.addAll(decision.scopesToSuppress());
        SortedSet<String> add = new TreeSet<>();
        List<String> dropped = new ArrayList<>();
        for (String scope : present(access == null ? null : access.getScopesToAdd())) {
            if (!managed.contains(scope) || entitled.contains(scope)) {
                add.add(scope);
            } else {
                dropped.add(scope);
            }
        }
        add.addAll(decision.scopesToAdd());
        add.removeAll(suppress);
        if (access == null && add.isEmpty() && suppress.isEmpty()) {
            return new Removed(List.copyOf(dropped), List.copyOf(removedClaims));
        }
        if (access == null) {
            access = new AccessTokenGeneration();
            details = details == null ? new ClaimsAndScopeOverrideDetails() : details;
            details.setAccessTokenGeneration(access);
            response.setClaimsAndScopeOverrideDetails(details);
        }
        access.setScopesToAdd(arrayOrNull(add));
        access.setScopesToSuppress(arrayOrNull(suppress));
        return new Removed(List.copyOf(dropped), List.copyOf(removedClaims));
    }

    /** A copy without the protected claims, or the map itself when it has none; may be immutable, so never edited. */
    private static Map<String, String> withoutProtected(Map<String, String> claims, Set<String> removed) {
        if (claims == null || PROTECTED_CLAIMS.stream().noneMatch(claims::containsKey)) {
            return claims;
        }
        Map<String, String> kept = new LinkedHashMap<>(claims);
        for (String claim : PROTECTED_CLAIMS) {
            if (claims.containsKey(claim)) {
                kept.remove(claim);
                removed.add(claim);
            }
        }
        return kept;
    }

    /** The non-null values, sorted and without duplicates. */
    private static SortedSet<String> present(String[] values) {
        SortedSet<String> present = new TreeSet<>();
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    present.add(value);
                }
            }
        }
        return present;
    }

    private static String[] arrayOrNull(SortedSet<String> scopes) {
        return scopes.isEmpty() ? null : scopes.toArray(new String[0]);
    }
}
