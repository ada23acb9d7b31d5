package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a test does in the place of a browser: raw requests to the playground's stand-ins, following no
 * redirects, so that every answer can be asserted.
 */
final class PlaygroundClient {

    /** A verifier of RFC 7636's form, and its S256 challenge. */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    static final String CHALLENGE = s256(VERIFIER);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final Playground playground;

    PlaygroundClient(Playground playground) {
        this.playground = playground;
    }

    /** The authorize parameters the sample page sends, with these scopes (null for none). */
    Map<String, String> authorizeParameters(String scope) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", playground.clientId());
        parameters.put("redirect_uri", playground.pageUrl());
        if (scope != null) {
            parameters.put("scope", scope);
        }
        parameters.put("state", "state-1");
        parameters.put("code_challenge", CHALLENGE);
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    /** GET /oauth2/authorize with these parameters. */
    HttpResponse<String> authorize(Map<String, String> parameters) {
        return send(HttpRequest.newBuilder(URI.create(playground.issuer() + "/oauth2/authorize?" + form(parameters)))
                .build());
    }

    /** Signs a user in on the sign-in page an authorize answer sent the browser to; returns the redirect. */
    HttpResponse<String> signIn(HttpResponse<String> authorize, String username) {
        String location = authorize.headers().firstValue("Location").orElseThrow();
        String request = location.substring(location.indexOf("request=") + "request=".length());
        return post("/login", Map.of("request", request, "username", username));
    }

    /** The whole sign-in of the sample page: returns the callback address with code and state, or error. */
    String callbackAfterSignIn(String scope, String username) {
        return signIn(authorize(authorizeParameters(scope)), username)
                .headers()
                .firstValue("Location")
                .orElseThrow();
    }

    /** POST /oauth2/token with these parameters. */
    HttpResponse<String> token(Map<String, String> parameters) {
        return post("/oauth2/token", parameters);
    }

    /** The token answer of an exchange of this callback's code with the page's verifier, as JSON. */
    JsonNode exchange(String callback) {
        HttpResponse<String> answer = token(codeGrant(callback));
        if (answer.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + answer.statusCode() + ": " + answer.body());
        }
        return json(answer.body());
    }

    Map<String, String> codeGrant(String callback) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("client_id", playground.clientId());
        parameters.put("code", query(callback).get("code"));
        parameters.put("redirect_uri", playground.pageUrl());
        parameters.put("code_verifier", VERIFIER);
        return parameters;
    }

    /** GET a route of the API stand-in with this Authorization header (none when null). */
    HttpResponse<String> callApi(String route, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(playground.apiUrl() + route));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, Map<String, String> parameters) {
        return send(HttpRequest.newBuilder(URI.create(playground.issuer() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
                .build());
    }

    /** The decoded query parameters of an address. */
    static Map<String, String> query(String address) {
        return Http.parameters(URI.create(address).getRawQuery());
    }

    /** The payload of a JWT, decoded without checking it. */
    static JsonNode payload(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
