package io.github.scopedgroupauth.examples.playground;

import io.github.scopedgroupauth.examples.playground.SynthesizedApp.AppClient;
import io.github.scopedgroupauth.examples.playground.TestUsers.TestUser;
import io.github.scopedgroupauth.examples.playground.TokenIssuer.Issued;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The state of the authorization code flow with PKCE (RFC 6749, RFC 7636): sign-ins waiting for the user to
 * choose who they are, single-use codes bound to their client, redirect URI and S256 challenge, and refresh
 * tokens. Each waits a bounded time, and the number waiting is bounded, so a flood of requests cannot grow it
 * without limit.
 */
final class AuthorizationFlow {

    /** An S256 challenge: the base64url SHA-256 of the verifier, without padding. */
    static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 7636 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private static final Duration SIGN_IN_WAIT = Duration.ofMinutes(10);
    /** Cognito's authorization codes are valid for five minutes. */
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    private static final int MAX_WAITING = 1000;

    /**
     * An authorize request that passed its checks and waits for the user to sign in.
     *
     * @param client the app client
     * @param redirectUri the redirect URI, one of the client's callback URLs
     * @param scopes the scopes requested, or all the client allows when none were
     * @param state the client's state
     * @param challenge the S256 code challenge
     * @param nonce the OpenID Connect nonce, or null
     */
    record SignIn(
            AppClient client, String redirectUri, List<String> scopes, String state, String challenge, String nonce) {}

    /**
     * Tokens waiting for their code to be exchanged.
     *
     * @param signIn the sign-in the code completes
     * @param user who signed in
     * @param issued the tokens
     */
    record Grant(SignIn signIn, TestUser user, Issued issued) {}

    /** What a refresh token stands for: a user's sign-in on a client, with the scopes first requested. */
    record Session(AppClient client, TestUser user, List<String> scopes) {}

    private record Expiring<T>(T value, Instant expiry) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Expiring<SignIn>> signIns = new ConcurrentHashMap<>();
    private final Map<String, Expiring<Grant>> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** {@return the id of a new waiting sign-in, or null when too many wait} */
    String waitForSignIn(SignIn signIn) {
        return put(signIns, signIn, SIGN_IN_WAIT);
    }

    /** {@return the waiting sign-in with this id, left waiting, or null} */
    SignIn peekSignIn(String id) {
        Expiring<SignIn> entry = id == null ? null : signIns.get(id);
        return entry == null || entry.expiry().isBefore(Instant.now()) ? null : entry.value();
    }

    /** {@return the waiting sign-in with this id, removed: it is used once} */
    SignIn takeSignIn(String id) {
        return take(signIns, id);
    }

    /** {@return a new code for these tokens, or null when too many wait} */
    String code(Grant grant) {
        return put(codes, grant, CODE_LIFETIME);
    }

    /** {@return the grant of this code, removed whether or not the exchange then succeeds: a code is used once} */
    Grant takeCode(String code) {
        return take(codes, code);
    }

    /** {@return a new refresh token for this session} */
    String refreshToken(Session session) {
        String token = randomToken();
        sessions.put(token, session);
        return token;
    }

    /** {@return the session of a refresh token, or null} */
    Session session(String refreshToken) {
        return refreshToken == null ? null : sessions.get(refreshToken);
    }

    /** Whether the verifier is well formed and its S256 hash is the challenge, compared in constant time. */
    static boolean verifies(String verifier, String challenge) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(digest);
            return MessageDigest.isEqual(expected, challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> String put(Map<String, Expiring<T>> map, T value, Duration lifetime) {
        Instant now = Instant.now();
        map.values().removeIf(entry -> entry.expiry().isBefore(now));
        if (map.size() >= MAX_WAITING) {
            return null;
        }
        String key = randomToken();
        map.put(key, new Expiring<>(value, now.plus(lifetime)));
        return key;
    }

    private static <T> T take(Map<String, Expiring<T>> map, String key) {
        Expiring<T> entry = key == null ? null : map.remove(key);
        return entry == null || entry.expiry().isBefore(Instant.now()) ? null : entry.value();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
