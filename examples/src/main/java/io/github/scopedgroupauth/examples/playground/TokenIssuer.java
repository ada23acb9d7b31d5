package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scopedgroupauth.examples.playground.RuntimeApi.Answer;
import io.github.scopedgroupauth.examples.playground.TestUsers.TestUser;
import io.github.scopedgroupauth.runtime.InvalidPolicyException;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Mints a user's ID and access tokens as Cognito does with a pre token generation trigger: sends the event
 * Cognito would send to the function and applies its answer (scopes added and suppressed, claims added,
 * overridden and suppressed, groups overridden). A function error fails the token generation.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
final class TokenIssuer {

    /** Lifetime of ID and access tokens: Cognito's default of one hour. */
    static final long TOKEN_SECONDS = 3600;

    /** Claims a trigger may not change: Cognito ignores or refuses them; the stand-in ignores them. */
    private static final Set<String> RESERVED = Set.of(
            "acr",
            "amr",
            "at_hash",
            "aud",
            "auth_time",
            "azp",
            "client_id",
            "cognito:username",
            "exp",
            "iat",
            "identities",
            "iss",
            "jti",
            "nbf",
            "nonce",
            "origin_jti",
            "scope",
            "sub",
            "token_use",
            "username",
            "version",
            "cognito:groups");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SynthesizedApp app;
    /** The policy the function reads, or null when it cannot be read: then the function fails every event. */
    private final ScopePolicy policy;

    private final String policyProblem;
    private final Function<String, Answer> function;
    private final TokenKeys keys;
    private final String issuer;

    /**
     * The signed tokens of one generation, and why the access token has its scopes.
     *
     * @param idToken the signed ID token
     * @param accessToken the signed access token
     * @param explanation the decision behind the access token's scopes
     */
    record Issued(String idToken, String accessToken, ScopeExplanation explanation) {}

    /** Thrown when the function refuses the event: the sign-in or refresh fails, as in Cognito. */
    static final class TriggerFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        TriggerFailedException(String message) {
            super(message);
        }
    }

    /** Makes the issuer once the stand-in knows its address, which is the tokens' {@code iss}. */
    @FunctionalInterface
    interface Factory {
        TokenIssuer create(String issuer);
    }

    TokenIssuer(SynthesizedApp app, Function<String, Answer> function, TokenKeys keys, String issuer) {
        this.app = app;
        ScopePolicy read = null;
        String problem = null;
        try {
            read = app.function().policy();
        } catch (InvalidPolicyException e) {
            problem = e.getMessage();
        }
        this.policy = read;
        this.policyProblem = problem;
        this.function = function;
        this.keys = keys;
        this.issuer = issuer;
    }

    /**
     * Generates the tokens of one sign-in or refresh.
     *
     * @param triggerSource {@code TokenGeneration_HostedAuth} or {@code TokenGeneration_RefreshTokens}
     * @param nonce the OpenID Connect nonce of the authorize request, or null
     * @throws TriggerFailedException when the function reports an error
     */
    Issued issue(TestUser user, String clientId, List<String> scopes, String triggerSource, String nonce)
            throws TriggerFailedException {
        Answer answer = function.apply(event(user, clientId, scopes, triggerSource));
        JsonNode response = parse(answer.body());
        if (answer.error()) {
            throw new TriggerFailedException("PreTokenGeneration failed with error "
                    + response.path("errorType").asText("(no type)") + ": "
                    + response.path("errorMessage").asText("(no message)"));
        }
        JsonNode details = response.path("response").path("claimsAndScopeOverrideDetails");
        JsonNode accessChanges = details.path("accessTokenGeneration");
        List<String> added = strings(accessChanges.path("scopesToAdd"));
        List<String> suppressed = strings(accessChanges.path("scopesToSuppress"));
        ScopeExplanation explanation = ScopeExplanation.of(policy, clientId, user.groups(), scopes, added, suppressed);
        JsonNode groupOverride = details.path("groupOverrideDetails").path("groupsToOverride");
        List<String> groups = groupOverride.isArray() ? strings(groupOverride) : user.groups();
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> id = TokenClaims.id(user, groups, clientId, issuer, now, nonce);
        Map<String, Object> access = TokenClaims.access(user, groups, clientId, issuer, now);
        access.put("scope", String.join(" ", explanation.tokenScopes()));
        apply(details.path("idTokenGeneration"), id);
        apply(accessChanges, access);
        return new Issued(keys.sign(id), keys.sign(access), explanation);
    }

    /** {@return why the function's policy file cannot be read, or null when it can} */
    String policyProblem() {
        return policyProblem;
    }

    private String event(TestUser user, String clientId, List<String> scopes, String triggerSource) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", app.function().eventVersion());
        event.put("triggerSource", triggerSource);
        event.put("region", app.region());
        event.put("userPoolId", app.userPoolId());
        event.put("userName", user.username());
        event.putObject("callerContext")
                .put("awsSdkVersion", "aws-sdk-unknown-unknown")
                .put("clientId", clientId);
        ObjectNode request = event.putObject("request");
        request.putObject("userAttributes")
                .put("sub", TokenClaims.sub(user))
                .put("email", user.email())
                .put("email_verified", "true")
                .put("cognito:user_status", "CONFIRMED");
        ObjectNode groups = request.putObject("groupConfiguration");
        user.groups().forEach(groups.putArray("groupsToOverride")::add);
        groups.putArray("iamRolesToOverride");
        groups.putNull("preferredRole");
        scopes.forEach(request.putArray("scopes")::add);
        event.putObject("response");
        return event.toString();
    }

    /** Adds, overrides and suppresses the claims the answer names, except the ones Cognito keeps for itself. */
    private static void apply(JsonNode changes, Map<String, Object> claims) {
        changes.path("claimsToAddOrOverride").properties().forEach(claim -> {
            if (!RESERVED.contains(claim.getKey())) {
                claims.put(claim.getKey(), JSON.convertValue(claim.getValue(), Object.class));
            }
        });
        for (String claim : strings(changes.path("claimsToSuppress"))) {
            if (!RESERVED.contains(claim)) {
                claims.remove(claim);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        });
        return new ArrayList<>(values);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode parsed = JSON.readTree(body);
            return parsed == null ? JSON.createObjectNode() : parsed;
        } catch (IOException e) {
            return JSON.createObjectNode()
                    .put("errorType", "Runtime.InvalidResponse")
                    .put("errorMessage", body);
        }
    }

    /** {@return a new id for a token's {@code jti}} */
    static String tokenId() {
        return UUID.randomUUID().toString();
    }

    /** Keeps the claim maps in insertion order, as the page shows them. */
    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
