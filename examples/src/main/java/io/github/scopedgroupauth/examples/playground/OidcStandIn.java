package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.scopedgroupauth.examples.playground.AuthorizationFlow.SignIn;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.AppClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stand-in for the user pool's managed login, on the loopback address: the OpenID Connect discovery
 * document, the JWKS, {@code /oauth2/authorize} (authorization code with PKCE S256 and state), a sign-in page
 * that lists the test users, {@code /oauth2/token} (code and refresh token grants) and {@code /logout}. It is
 * not Cognito, and its sign-in page says so.
 */
final class OidcStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String issuer;
    private final List<AppClient> clients;
    private final TokenKeys keys;
    private final TokenEndpoint tokens;
    private final SignInPage signInPage;
    private final AuthorizationFlow flow;

    OidcStandIn(int port, List<AppClient> clients, TokenKeys keys, TokenIssuer.Factory issuers, TestUsers users)
            throws IOException {
        this.server = Http.loopbackServer(port, "playground-oidc");
        this.issuer = Http.origin(server);
        this.clients = List.copyOf(clients);
        this.keys = keys;
        this.flow = new AuthorizationFlow();
        TokenIssuer issuerOfTokens = issuers.create(issuer);
        this.tokens = new TokenEndpoint(flow, issuerOfTokens, clients);
        this.signInPage = new SignInPage(flow, issuerOfTokens, users);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@return the issuer, also the domain the page and clients use: {@code http://127.0.0.1:port}} */
    String issuer() {
        return issuer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Http.addressedToLoopback(exchange)) {
                Http.send(exchange, 421, "text/plain", "this server answers only for localhost");
                return;
            }
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "/.well-known/jwks.json" -> json(exchange, 200, keys.jwks());
                case "/oauth2/authorize" -> authorize(exchange);
                case "/login" -> signInPage.handle(exchange);
                case "/login/request" -> signInPage.describe(exchange);
                case "/login/sign-in.js", "/login/style.css" -> resource(exchange, path.substring("/login/".length()));
                case "/oauth2/token" -> tokens.handle(exchange);
                case "/logout" -> logout(exchange);
                default -> Http.send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + "/oauth2/authorize");
        document.put("token_endpoint", issuer + "/oauth2/token");
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("end_session_endpoint", issuer + "/logout");
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put(
                "scopes_supported",
                clients.stream()
                        .flatMap(client -> client.allowedScopes().stream())
                        .distinct()
                        .toList());
        return document;
    }

    /**
     * Checks an authorize request as Cognito does. A wrong client or redirect URI is answered here, never
     * redirected; anything else wrong goes back to the redirect URI as an OAuth error with the state.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = Http.parameters(exchange.getRequestURI().getRawQuery());
        AppClient client = query == null ? null : client(query.get("client_id"));
        if (client == null || !client.callbackUrls().contains(query.get("redirect_uri"))) {
            Http.send(
                    exchange,
                    400,
                    "text/plain",
                    "invalid_request: unknown client_id, or a redirect_uri that is not"
                            + " one of the client's callback URLs");
            return;
        }
        String redirect = query.get("redirect_uri");
        String state = query.get("state");
        String problem = problem(query, client);
        if (problem != null) {
            Http.redirect(exchange, errorRedirect(redirect, problem, state));
            return;
        }
        List<String> scopes = query.containsKey("scope")
                ? Arrays.stream(query.get("scope").split(" ")).distinct().toList()
                : client.allowedScopes();
        String id = flow.waitForSignIn(
                new SignIn(client, redirect, scopes, state, query.get("code_challenge"), query.get("nonce")));
        if (id == null) {
            Http.send(exchange, 503, "text/plain", "too many sign-ins are waiting; try again later");
            return;
        }
        Http.redirect(exchange, "/login?request=" + id);
    }

    private static String problem(Map<String, String> query, AppClient client) {
        if (!"code".equals(query.get("response_type"))) {
            return "unsupported_response_type";
        }
        if (query.getOrDefault("state", "").isEmpty()) {
            return "invalid_request&error_description=state+is+required";
        }
        if (!"S256".equals(query.get("code_challenge_method"))
                || !AuthorizationFlow.CHALLENGE
                        .matcher(query.getOrDefault("code_challenge", ""))
                        .matches()) {
            return "invalid_request&error_description=PKCE+with+code_challenge_method+S256+is+required";
        }
        if (query.containsKey("scope")
                && !client.allowedScopes()
                        .containsAll(Arrays.asList(query.get("scope").split(" ")))) {
            return "invalid_scope";
        }
        return null;
    }

    /** {@return the redirect URI with an OAuth error and the state} */
    static String errorRedirect(String redirectUri, String error, String state) {
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "error=" + error
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = Http.parameters(exchange.getRequestURI().getRawQuery());
        AppClient client = query == null ? null : client(query.get("client_id"));
        if (client == null || !client.logoutUrls().contains(query.get("logout_uri"))) {
            Http.send(
                    exchange,
                    400,
                    "text/plain",
                    "invalid_request: unknown client_id, or a logout_uri that is not"
                            + " one of the client's sign-out URLs");
            return;
        }
        Http.redirect(exchange, query.get("logout_uri"));
    }

    private AppClient client(String clientId) {
        return clients.stream()
                .filter(client -> client.id().equals(clientId))
                .findFirst()
                .orElse(null);
    }

    private static void resource(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(OidcStandIn.class.getResourceAsStream(name), name)) {
            String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            Http.send(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        try {
            Http.send(exchange, status, "application/json", JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
