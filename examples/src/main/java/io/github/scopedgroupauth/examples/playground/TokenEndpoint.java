package io.github.scopedgroupauth.examples.playground;

import com.sun.net.httpserver.HttpExchange;
import io.github.scopedgroupauth.examples.playground.AuthorizationFlow.Grant;
import io.github.scopedgroupauth.examples.playground.AuthorizationFlow.Session;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.AppClient;
import io.github.scopedgroupauth.examples.playground.TokenIssuer.Issued;
import io.github.scopedgroupauth.examples.playground.TokenIssuer.TriggerFailedException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /oauth2/token}: the authorization code grant, checked against the code's client, redirect URI and
 * PKCE challenge, and the refresh token grant, which runs the function again with the trigger source
 * {@code TokenGeneration_RefreshTokens}. Besides the tokens, the answer carries {@value #DECISION}, the
 * playground's explanation of the access token's scopes, which Cognito does not send.
 */
final class TokenEndpoint {

    /** The answer's extra member that explains the access token's scopes. */
    static final String DECISION = "scoped_group_auth_decision";

    private final AuthorizationFlow flow;
    private final TokenIssuer issuer;
    private final Set<String> origins;

    TokenEndpoint(AuthorizationFlow flow, TokenIssuer issuer, List<AppClient> clients) {
        this.flow = flow;
        this.issuer = issuer;
        // A browser app on a callback URL calls this endpoint from its origin, as Cognito's allows.
        this.origins = clients.stream()
                .flatMap(client -> client.callbackUrls().stream())
                .map(URI::create)
                .filter(uri -> uri.getScheme() != null && uri.getRawAuthority() != null)
                .map(uri -> uri.getScheme() + "://" + uri.getRawAuthority())
                .collect(Collectors.toUnmodifiableSet());
    }

    void handle(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && origins.contains(origin)) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().set("Vary", "Origin");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Http.send(exchange, 405, "text/plain", "POST only");
            return;
        }
        Map<String, String> form = Http.form(exchange);
        if (form == null) {
            error(exchange, "invalid_request", "a parameter was repeated, or the body is too long");
            return;
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> exchangeCode(exchange, form);
            case "refresh_token" -> refresh(exchange, form);
            default -> error(exchange, "unsupported_grant_type", "authorization_code or refresh_token");
        }
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        // Taken before any check: a code counts as used even when this exchange fails.
        Grant grant = flow.takeCode(form.get("code"));
        if (grant == null) {
            error(exchange, "invalid_grant", "the code is unknown, used or expired");
            return;
        }
        if (!grant.signIn().client().id().equals(form.get("client_id"))) {
            error(exchange, "invalid_client", "the code was issued to another client");
            return;
        }
        if (!grant.signIn().redirectUri().equals(form.get("redirect_uri"))) {
            error(exchange, "invalid_grant", "redirect_uri differs from the authorize request's");
            return;
        }
        if (!AuthorizationFlow.verifies(
                form.get("code_verifier"), grant.signIn().challenge())) {
            error(exchange, "invalid_grant", "code_verifier does not match the code_challenge");
            return;
        }
        String refreshToken = flow.refreshToken(new Session(
                grant.signIn().client(), grant.user(), grant.signIn().scopes()));
        OidcStandIn.json(exchange, 200, answer(grant.issued(), refreshToken));
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        Session session = flow.session(form.get("refresh_token"));
        if (session == null || !session.client().id().equals(form.get("client_id"))) {
            error(exchange, "invalid_grant", "the refresh token is unknown or belongs to another client");
            return;
        }
        try {
            Issued issued = issuer.issue(
                    session.user(), session.client().id(), session.scopes(), "TokenGeneration_RefreshTokens", null);
            OidcStandIn.json(exchange, 200, answer(issued, null));
        } catch (TriggerFailedException e) {
            error(exchange, "invalid_request", e.getMessage());
        }
    }

    /** The token answer; a refresh does not return a new refresh token, as Cognito's does not. */
    private static Map<String, Object> answer(Issued issued, String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id_token", issued.idToken());
        body.put("access_token", issued.accessToken());
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("expires_in", TokenIssuer.TOKEN_SECONDS);
        body.put("token_type", "Bearer");
        body.put(DECISION, issued.explanation());
        return body;
    }

    private static void error(HttpExchange exchange, String error, String description) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        OidcStandIn.json(exchange, 400, body);
    }
}
