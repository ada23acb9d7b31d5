package io.github.scopedgroupauth.examples.playground;

import com.sun.net.httpserver.HttpExchange;
import io.github.scopedgroupauth.examples.playground.AuthorizationFlow.Grant;
import io.github.scopedgroupauth.examples.playground.AuthorizationFlow.SignIn;
import io.github.scopedgroupauth.examples.playground.TestUsers.TestUser;
import io.github.scopedgroupauth.examples.playground.TokenIssuer.Issued;
import io.github.scopedgroupauth.examples.playground.TokenIssuer.TriggerFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The stand-in's sign-in page: {@code GET /login?request=...} shows the test users of a waiting sign-in (the
 * page builds itself from {@code /login/request}, as text, never parsed as HTML), and {@code POST /login} signs
 * one in: the function decides the tokens, and the browser returns to the redirect URI with a code, or with an
 * OAuth error when the function refused the event.
 */
final class SignInPage {

    private final AuthorizationFlow flow;
    private final TokenIssuer issuer;
    private final TestUsers users;
    private final String html;

    SignInPage(AuthorizationFlow flow, TokenIssuer issuer, TestUsers users) {
        this.flow = flow;
        this.issuer = issuer;
        this.users = users;
        try (InputStream in = Objects.requireNonNull(SignInPage.class.getResourceAsStream("sign-in.html"))) {
            this.html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the playground's sign-in page is missing from its jar", e);
        }
    }

    void handle(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            signIn(exchange);
            return;
        }
        Map<String, String> query = Http.parameters(exchange.getRequestURI().getRawQuery());
        SignIn signIn = query == null ? null : flow.peekSignIn(query.get("request"));
        if (signIn == null) {
            Http.send(exchange, 400, "text/plain", "this sign-in is unknown, used or expired; start it again");
            return;
        }
        URI redirect = URI.create(signIn.redirectUri());
        // Chrome applies form-action to the redirect after the form too: the client's origin is allowed.
        exchange.getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri"
                                + " 'none'; frame-ancestors 'none'; require-trusted-types-for 'script';"
                                + " trusted-types 'none'; form-action 'self' " + redirect.getScheme() + "://"
                                + redirect.getRawAuthority());
        Http.send(exchange, 200, "text/html; charset=utf-8", html);
    }

    /** The waiting sign-in as JSON, for the page to show. */
    void describe(HttpExchange exchange) throws IOException {
        Map<String, String> query = Http.parameters(exchange.getRequestURI().getRawQuery());
        SignIn signIn = query == null ? null : flow.peekSignIn(query.get("request"));
        if (signIn == null) {
            OidcStandIn.json(exchange, 404, Map.of("error", "unknown, used or expired sign-in"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", signIn.client().id());
        body.put("clientLogicalId", signIn.client().logicalId());
        body.put("redirectUri", signIn.redirectUri());
        body.put("scopes", signIn.scopes());
        body.put("users", users.all());
        OidcStandIn.json(exchange, 200, body);
    }

    private void signIn(HttpExchange exchange) throws IOException {
        Map<String, String> form = Http.form(exchange);
        SignIn signIn = form == null ? null : flow.takeSignIn(form.get("request"));
        TestUser user = form == null ? null : users.named(form.get("username")).orElse(null);
        if (signIn == null || user == null) {
            Http.send(exchange, 400, "text/plain", "unknown, used or expired sign-in, or unknown user; start again");
            return;
        }
        Issued issued;
        try {
            issued = issuer.issue(
                    user, signIn.client().id(), signIn.scopes(), "TokenGeneration_HostedAuth", signIn.nonce());
        } catch (TriggerFailedException e) {
            Http.redirect(
                    exchange,
                    OidcStandIn.errorRedirect(
                            signIn.redirectUri(),
                            "server_error&error_description="
                                    + URLEncoder.encode(e.getMessage(), StandardCharsets.UTF_8),
                            signIn.state()));
            return;
        }
        String code = flow.code(new Grant(signIn, user, issued));
        if (code == null) {
            Http.send(exchange, 503, "text/plain", "too many codes are waiting; try again later");
            return;
        }
        Http.redirect(
                exchange,
                signIn.redirectUri() + (signIn.redirectUri().contains("?") ? "&" : "?") + "code=" + code + "&state="
                        + URLEncoder.encode(signIn.state(), StandardCharsets.UTF_8));
    }
}
