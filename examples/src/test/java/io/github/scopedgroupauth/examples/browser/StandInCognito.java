package io.github.scopedgroupauth.examples.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cognito's managed login endpoints for one app client, on the loopback address: {@code /oauth2/authorize}
 * signs in the user the test chose (no login form) and issues a single-use code bound to the PKCE challenge,
 * {@code /oauth2/token} checks the verifier against it, and {@code /logout} returns to the logout URL. The
 * access token's {@code scope} is what the project's {@link ScopePolicy} decides for the user's groups.
 */
final class StandInCognito implements AutoCloseable {

    /** The scopes the example's app client allows, as in ScopedGroupAuthExample. */
    static final Set<String> ALLOWED_SCOPES = Set.of("openid", "email", "profile", "admin/*", "everyone/*");

    private static final long TOKEN_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final TokenKeys keys;
    private final ScopePolicy policy;
    private final String clientId;
    private final String userPoolId;
    private final String pageUrl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> tokenAnswers = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> logouts = new CopyOnWriteArrayList<>();
    private volatile TestUser user;
    private volatile boolean tamperState;
    private volatile boolean holdRedirect;
    private volatile String lastRedirect;

    /** A signed-in user of the pool. */
    record TestUser(String username, String email, List<String> groups) {}

    private record Grant(String challenge, String redirectUri, TestUser user, List<String> scopes) {}

    StandInCognito(TokenKeys keys, ScopePolicy policy, String clientId, String userPoolId, String pageUrl)
            throws IOException {
        this.keys = keys;
        this.policy = policy;
        this.clientId = clientId;
        this.userPoolId = userPoolId;
        this.pageUrl = pageUrl;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/authorize", this::authorize);
        server.createContext("/oauth2/token", this::token);
        server.createContext("/logout", this::logout);
        server.start();
    }

    /** The domain, as the HostedUiDomain output gives it. */
    String domain() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who the next authorize request signs in, and whether its redirect carries a state the page did not send. */
    void nextSignIn(TestUser next, boolean tamperWithState) {
        user = next;
        tamperState = tamperWithState;
        holdRedirect = false;
    }

    /**
     * Makes the next authorize request answer with a page instead of returning to the callback, as a user who
     * has not signed in yet: the page waits for its code, and {@link #lastRedirect()} is where it would return.
     */
    void holdNextRedirect(TestUser next) {
        nextSignIn(next, false);
        holdRedirect = true;
    }

    /** The answers of the token endpoint so far: {@code 200}, or the error code it returned. */
    List<String> tokenAnswers() {
        return List.copyOf(tokenAnswers);
    }

    /** The callback address with code and state that the last sign-in returned to. */
    String lastRedirect() {
        return lastRedirect;
    }

    /** The query parameters of each logout request so far. */
    List<Map<String, String>> logouts() {
        return List.copyOf(logouts);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query =
                    Exchanges.parameters(exchange.getRequestURI().getRawQuery());
            String problem = authorizeProblem(query);
            if (problem != null) {
                Exchanges.send(exchange, 400, "text/plain", problem);
                return;
            }
            List<String> scopes = Arrays.asList(query.get("scope").split(" "));
            if (!ALLOWED_SCOPES.containsAll(scopes)) {
                Exchanges.redirect(exchange, pageUrl + "?error=invalid_scope&state=" + encode(query.get("state")));
                return;
            }
            String code = randomToken();
            codes.put(code, new Grant(query.get("code_challenge"), query.get("redirect_uri"), user, scopes));
            String state = tamperState ? query.get("state") + "x" : query.get("state");
            lastRedirect = pageUrl + "?code=" + code + "&state=" + encode(state);
            if (holdRedirect) {
                holdRedirect = false;
                Exchanges.send(exchange, 200, "text/plain", "signing in");
                return;
            }
            Exchanges.redirect(exchange, lastRedirect);
        }
    }

    /** What Cognito would refuse without redirecting: the client, the redirect URI or PKCE parameters. */
    private String authorizeProblem(Map<String, String> query) {
        if (!"code".equals(query.get("response_type")) || !clientId.equals(query.get("client_id"))) {
            return "unauthorized_client";
        }
        if (!pageUrl.equals(query.get("redirect_uri"))) {
            return "redirect_mismatch";
        }
        String challenge = query.getOrDefault("code_challenge", "");
        if (!"S256".equals(query.get("code_challenge_method")) || !challenge.matches("[A-Za-z0-9_-]{43}")) {
            return "invalid_request: PKCE with S256 required";
        }
        if (query.getOrDefault("state", "").isEmpty() || !query.containsKey("scope") || user == null) {
            return "invalid_request";
        }
        return null;
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Cognito's token endpoint answers cross-origin requests.
            exchange.getResponseHeaders()
                    .set("Access-Control-Allow-Origin", pageUrl.substring(0, pageUrl.length() - 1));
            if (!"POST".equals(exchange.getRequestMethod())) {
                Exchanges.send(exchange, 405, "text/plain", "POST only");
                return;
            }
            Map<String, String> form = Exchanges.form(exchange);
            Grant grant = codes.remove(form.getOrDefault("code", ""));
            String error = tokenError(form, grant);
            if (error != null) {
                tokenAnswers.add(error);
                Exchanges.send(exchange, 400, "application/json", "{\"error\":\"" + error + "\"}");
                return;
            }
            tokenAnswers.add("200");
            Exchanges.send(exchange, 200, "application/json", tokens(grant));
        }
    }

    private String tokenError(Map<String, String> form, Grant grant) {
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return "unsupported_grant_type";
        }
        if (!clientId.equals(form.get("client_id"))) {
            return "invalid_client";
        }
        if (grant == null
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            return "invalid_grant";
        }
        return null;
    }

    private String tokens(Grant grant) throws IOException {
        long now = Instant.now().getEpochSecond();
        String issuer = "https://cognito-idp." + userPoolId.substring(0, userPoolId.indexOf('_')) + ".amazonaws.com/"
                + userPoolId;
        String sub = "0f1e2d3c-" + grant.user().username();
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("sub", sub);
        id.put("cognito:groups", grant.user().groups());
        id.put("email_verified", true);
        id.put("iss", issuer);
        id.put("cognito:username", grant.user().username());
        id.put("aud", clientId);
        id.put("token_use", "id");
        id.put("auth_time", now);
        id.put("exp", now + TOKEN_SECONDS);
        id.put("iat", now);
        id.put("email", grant.user().email());
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("sub", sub);
        access.put("cognito:groups", grant.user().groups());
        access.put("iss", issuer);
        access.put("version", 2);
        access.put("client_id", clientId);
        access.put("token_use", "access");
        // What the pre token generation trigger makes of the requested scopes: the project's own decision.
        access.put(
                "scope",
                String.join(
                        " ",
                        policy.decide(clientId, grant.user().groups(), grant.scopes())
                                .tokenScopes()));
        access.put("auth_time", now);
        access.put("exp", now + TOKEN_SECONDS);
        access.put("iat", now);
        access.put("username", grant.user().username());
        Map<String, Object> body = new HashMap<>();
        body.put("id_token", keys.sign(id));
        body.put("access_token", keys.sign(access));
        body.put("refresh_token", randomToken());
        body.put("expires_in", TOKEN_SECONDS);
        body.put("token_type", "Bearer");
        return JSON.writeValueAsString(body);
    }

    private void logout(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query =
                    Exchanges.parameters(exchange.getRequestURI().getRawQuery());
            logouts.add(query);
            if (!clientId.equals(query.get("client_id")) || !pageUrl.equals(query.get("logout_uri"))) {
                Exchanges.send(exchange, 400, "text/plain", "invalid logout request");
                return;
            }
            Exchanges.redirect(exchange, pageUrl);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
