package io.github.scopedgroupauth.examples.playground;

import io.github.scopedgroupauth.examples.playground.TestUsers.TestUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The claims Cognito puts in a user's ID and access tokens before the trigger changes them. */
final class TokenClaims {

    private TokenClaims() {}

    /** {@return the user's {@code sub}: a UUID made from the user name, the same at every start} */
    static String sub(TestUser user) {
        return UUID.nameUUIDFromBytes(user.username().getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static Map<String, Object> id(
            TestUser user, List<String> groups, String clientId, String issuer, long now, String nonce) {
        Map<String, Object> claims = TokenIssuer.ordered();
        claims.put("sub", sub(user));
        if (!groups.isEmpty()) {
            claims.put("cognito:groups", groups);
        }
        claims.put("email_verified", true);
        claims.put("iss", issuer);
        claims.put("cognito:username", user.username());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        claims.put("aud", clientId);
        claims.put("token_use", "id");
        claims.put("auth_time", now);
        claims.put("exp", now + TokenIssuer.TOKEN_SECONDS);
        claims.put("iat", now);
        claims.put("jti", TokenIssuer.tokenId());
        claims.put("email", user.email());
        return claims;
    }

    static Map<String, Object> access(TestUser user, List<String> groups, String clientId, String issuer, long now) {
        Map<String, Object> claims = TokenIssuer.ordered();
        claims.put("sub", sub(user));
        if (!groups.isEmpty()) {
            claims.put("cognito:groups", groups);
        }
        claims.put("iss", issuer);
        claims.put("version", 2);
        claims.put("client_id", clientId);
        claims.put("token_use", "access");
        claims.put("scope", "");
        claims.put("auth_time", now);
        claims.put("exp", now + TokenIssuer.TOKEN_SECONDS);
        claims.put("iat", now);
        claims.put("jti", TokenIssuer.tokenId());
        claims.put("username", user.username());
        return claims;
    }
}
