package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.Route;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's REST API on the loopback address, answering as API Gateway with a Cognito user pool authorizer
 * does for each method of the template: with {@code AuthorizationScopes}, 401 unless the token is a valid,
 * unexpired access token of the stand-in pool, 403 when it carries none of the scopes; without scopes, 401
 * unless it is such an ID token. A mock integration answers with its response template; any other integration
 * is not run. The gateway responses' constant headers (CORS) are sent with the refusals.
 */
final class ApiStandIn implements AutoCloseable {

    private static final Pattern CLAIM = Pattern.compile("\\$context\\.authorizer\\.claims\\.([A-Za-z0-9_:.-]+)");

    private final HttpServer server;
    private final List<Route> routes;
    private final Map<String, Map<String, String>> gatewayHeaders;
    private final Map<String, String> headerRewrites;
    private final TokenKeys keys;
    private final String issuer;

    /**
     * @param headerRewrites header values replaced as they are sent: the callback origin of the template by the
     *     origin the page is served on, when that differs
     */
    ApiStandIn(int port, SynthesizedApp app, Map<String, String> headerRewrites, TokenKeys keys, String issuer)
            throws IOException {
        this.routes = app.routes();
        this.gatewayHeaders = app.gatewayResponseHeaders();
        this.headerRewrites = Map.copyOf(headerRewrites);
        this.keys = keys;
        this.issuer = issuer;
        this.server = Http.loopbackServer(port, "playground-api");
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@return the invoke URL of the stage, such as {@code http://127.0.0.1:port/prod/}} */
    String stageUrl() {
        String stage = routes.isEmpty() ? "/prod" : routes.get(0).path().replaceFirst("^(/[^/]+).*$", "$1");
        return Http.origin(server) + stage + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Http.addressedToLoopback(exchange)) {
                Http.send(exchange, 421, "text/plain", "this server answers only for localhost");
                return;
            }
            Optional<Route> route = routes.stream()
                    .filter(candidate -> matches(candidate, exchange))
                    .findFirst();
            if (route.isEmpty()) {
                refuse(exchange, 403, "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
                return;
            }
            JsonNode claims = null;
            if ("COGNITO_USER_POOLS".equals(route.get().authorizationType())) {
                claims = currentToken(exchange).orElse(null);
                String tokenUse = claims == null ? "" : claims.path("token_use").asText();
                List<String> scopes = route.get().scopes();
                if (claims == null || !tokenUse.equals(scopes.isEmpty() ? "id" : "access")) {
                    refuse(exchange, 401, "UNAUTHORIZED", "Unauthorized");
                    return;
                }
                List<String> held = Arrays.asList(claims.path("scope").asText().split(" "));
                if (!scopes.isEmpty() && scopes.stream().noneMatch(held::contains)) {
                    refuse(exchange, 403, "ACCESS_DENIED", "Forbidden");
                    return;
                }
            } else if (!"NONE".equals(route.get().authorizationType())) {
                refuse(
                        exchange,
                        500,
                        "DEFAULT_5XX",
                        "the playground stands in only for Cognito user pool" + " authorizers, not "
                                + route.get().authorizationType());
                return;
            }
            answer(exchange, route.get(), claims);
        }
    }

    private static boolean matches(Route route, HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (!route.method().equals(method) && !"ANY".equals(route.method())) {
            return false;
        }
        String[] want = route.path().split("/", -1);
        String[] have = exchange.getRequestURI().getPath().split("/", -1);
        for (int i = 0; i < want.length; i++) {
            if (want[i].matches("\\{[^}]+\\+}")) {
                return have.length > i;
            }
            if (i >= have.length || !(want[i].equals(have[i]) || want[i].matches("\\{[^}]+}") && !have[i].isEmpty())) {
                return false;
            }
        }
        return want.length == have.length;
    }

    /** The claims of the Authorization header's token when this pool signed it and it has not expired. */
    private Optional<JsonNode> currentToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : header;
        return keys.verify(token)
                .filter(claims -> issuer.equals(claims.path("iss").asText()))
                .filter(claims -> claims.path("exp").asLong() > Instant.now().getEpochSecond());
    }

    private void answer(HttpExchange exchange, Route route, JsonNode claims) throws IOException {
        route.headers().forEach((name, value) -> header(exchange, name, value));
        if ("OPTIONS".equals(exchange.getRequestMethod())
                && route.responseTemplate().isEmpty()) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        String body;
        if ("MOCK".equals(route.integrationType())) {
            Matcher claim = CLAIM.matcher(route.responseTemplate());
            body = claim.replaceAll(found -> Matcher.quoteReplacement(
                    claims == null ? "" : claims.path(found.group(1)).asText()));
        } else {
            body = "{\"playground\": \"authorized; the playground does not run " + route.integrationType()
                    + " integrations\"}";
        }
        Http.send(exchange, 200, "application/json", body);
    }

    private void refuse(HttpExchange exchange, int status, String responseType, String message) throws IOException {
        Map<String, String> headers = gatewayHeaders.getOrDefault(
                responseType, gatewayHeaders.getOrDefault(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX", Map.of()));
        headers.forEach((name, value) -> header(exchange, name, value));
        OidcStandIn.json(exchange, status, Map.of("message", message));
    }

    private void header(HttpExchange exchange, String name, String value) {
        exchange.getResponseHeaders().set(name, headerRewrites.getOrDefault(value, value));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
