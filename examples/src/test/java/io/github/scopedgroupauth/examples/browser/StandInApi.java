package io.github.scopedgroupauth.examples.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The example REST API on the loopback address, refusing as API Gateway's Cognito authorizer with authorization
 * scopes does: 401 without a valid, unexpired access token of the pool (an ID token included), 403 when the
 * access token lacks the route's scope, 200 with it. CORS for the page's origin on the routes, on preflight and
 * on the refusals, as ScopedGroupAuthExample defines them.
 */
final class StandInApi implements AutoCloseable {

    /** The scope each route requires, as in ScopedGroupAuthExample. */
    private static final Map<String, String> ROUTE_SCOPES =
            Map.of("/prod/admin", "admin/*", "/prod/everyone", "everyone/*");

    private final HttpServer server;
    private final TokenKeys keys;
    private final String issuer;
    private final String allowedOrigin;

    StandInApi(TokenKeys keys, String issuer, String allowedOrigin) throws IOException {
        this.keys = keys;
        this.issuer = issuer;
        this.allowedOrigin = allowedOrigin;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/prod/", this::handle);
        server.start();
    }

    /** The stage URL, as the ApiUrl output gives it. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/prod/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String scope = ROUTE_SCOPES.get(exchange.getRequestURI().getPath());
            if (scope == null) {
                Exchanges.send(exchange, 403, "application/json", "{\"message\":\"Missing Authentication Token\"}");
                return;
            }
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowedOrigin);
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Authorization");
                exchange.getResponseHeaders().set("Vary", "Origin");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            Optional<JsonNode> claims = keys.verify(exchange.getRequestHeaders().getFirst("Authorization"))
                    .filter(this::isCurrentAccessToken);
            if (claims.isEmpty()) {
                Exchanges.send(exchange, 401, "application/json", "{\"message\": \"Unauthorized\"}");
                return;
            }
            String scopes = claims.get().path("scope").asText();
            if (!Arrays.asList(scopes.split(" ")).contains(scope)) {
                Exchanges.send(exchange, 403, "application/json", "{\"message\": \"Forbidden\"}");
                return;
            }
            String route = exchange.getRequestURI().getPath().substring("/prod/".length());
            Exchanges.send(
                    exchange,
                    200,
                    "application/json",
                    "{\"route\": \"" + route + "\", \"scopes\": \"" + scopes + "\"}");
        }
    }

    private boolean isCurrentAccessToken(JsonNode claims) {
        return "access".equals(claims.path("token_use").asText())
                && issuer.equals(claims.path("iss").asText())
                && claims.path("exp").asLong() > Instant.now().getEpochSecond();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
