package io.github.scopedgroupauth.examples.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard OpenID Connect client library (Nimbus OAuth 2.0 SDK), used as a user's app would use it, completes
 * the authorization code flow with PKCE against the playground's stand-in: discovery, the authorize request, the
 * response's state, the code exchange, the ID token's signature, issuer, audience and nonce against the JWKS,
 * and a refresh.
 */
@EnabledOnOs(OS.LINUX)
class StandardOidcClientTest {

    @TempDir
    static Path temporary;

    private static Playground playground;

    @BeforeAll
    static void start() throws Exception {
        playground = Playground.start(PlaygroundTest.settings(ExampleSynthesis.into(temporary.resolve("cdk.out"))));
    }

    @AfterAll
    static void stop() {
        if (playground != null) {
            playground.close();
        }
    }

    @Test
    void nimbusClient_completesTheCodeFlowWithPkce_andValidatesTheIdTokenAgainstTheJwks() throws Exception {
        // given the provider as a client discovers it
        Issuer issuer = new Issuer(playground.issuer());
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(issuer);
        ClientID clientId = new ClientID(playground.clientId());
        URI callback = URI.create(playground.pageUrl());
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        URI authorize = new AuthenticationRequest.Builder(
                        new ResponseType("code"), new Scope("openid", "email", "admin/*"), clientId, callback)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();

        // when the user signs in as eve on the sign-in page, and the client exchanges the code
        AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(signIn(authorize, "eve")));
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        AuthorizationCode code = success.getAuthorizationCode();
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest.Builder(
                        provider.getTokenEndpointURI(), clientId, new AuthorizationCodeGrant(code, callback, verifier))
                .build()
                .toHTTPRequest()
                .send());

        // then
        assertThat(success.getState()).isEqualTo(state);
        IDTokenClaimsSet claims = new IDTokenValidator(
                        issuer,
                        clientId,
                        JWSAlgorithm.RS256,
                        provider.getJWKSetURI().toURL())
                .validate(tokens.getOIDCTokens().getIDToken(), nonce);
        assertThat(claims.getStringClaim("cognito:username")).isEqualTo("eve");
        assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("EVERYONE");
        assertThat(tokens.getOIDCTokens().getAccessToken().getScope()).isNull();
        assertThat(PlaygroundClient.payload(
                                tokens.getOIDCTokens().getAccessToken().getValue())
                        .get("scope")
                        .asText())
                .isEqualTo("openid email everyone/*");

        // and a refresh gives new tokens with the same decision
        OIDCTokenResponse refreshed = (OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest.Builder(
                        provider.getTokenEndpointURI(),
                        clientId,
                        new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()))
                .build()
                .toHTTPRequest()
                .send());
        assertThat(PlaygroundClient.payload(
                                refreshed.getOIDCTokens().getAccessToken().getValue())
                        .get("scope")
                        .asText())
                .isEqualTo("openid email everyone/*");
    }

    /** What the browser does: follows the authorize redirect to the sign-in page and posts the user's choice. */
    private static String signIn(URI authorize, String username) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        return new PlaygroundClient(playground)
                .signIn(page, username)
                .headers()
                .firstValue("Location")
                .orElseThrow();
    }
}
