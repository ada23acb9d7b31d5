package io.github.scopedgroupauth.examples.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The playground users run, on the example's cloud assembly: its sign-in with PKCE, the scopes the synthesized
 * function decides under the runtime interface client, the API stand-in's answers, and the requests it must
 * refuse.
 */
// The runtime interface client ships its native HTTP client for Linux only.
@EnabledOnOs(OS.LINUX)
class PlaygroundTest {

    private static final String ALL_SCOPES = "openid email profile admin/* everyone/*";

    @TempDir
    static Path temporary;

    static Path assembly;
    private static Playground playground;
    private static PlaygroundClient client;

    @BeforeAll
    static void start() throws IOException {
        assembly = ExampleSynthesis.into(temporary.resolve("cdk.out"));
        playground = Playground.start(settings(assembly));
        client = new PlaygroundClient(playground);
    }

    /** The settings of a run from the examples folder, on free ports. */
    static PlaygroundSettings settings(Path cloudAssembly) {
        Properties properties = new Properties();
        properties.setProperty("playground.cdkOut", cloudAssembly.toString());
        properties.setProperty("playground.workDirectory", "target/playground-test");
        properties.setProperty("playground.pagePort", "0");
        return PlaygroundSettings.from(properties);
    }

    @AfterAll
    static void stop() {
        if (playground != null) {
            playground.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ada,    openid email profile admin/* everyone/*",
        "eve,    openid email profile everyone/*",
        "nobody, openid email profile",
    })
    void eachTestUser_getsTheScopesOfTheirGroups_fromTheSynthesizedFunction(String user, String scopes) {
        // when
        JsonNode tokens = client.exchange(client.callbackAfterSignIn(ALL_SCOPES, user));

        // then
        JsonNode access = PlaygroundClient.payload(tokens.get("access_token").asText());
        assertThat(access.get("scope").asText()).isEqualTo(scopes);
        assertThat(access.get("token_use").asText()).isEqualTo("access");
        assertThat(access.get("client_id").asText()).isEqualTo(playground.clientId());
        JsonNode id = PlaygroundClient.payload(tokens.get("id_token").asText());
        assertThat(id.get("token_use").asText()).isEqualTo("id");
        assertThat(id.get("cognito:username").asText()).isEqualTo(user);
        assertThat(id.has("scope")).isFalse();
        assertThat(tokens.get(TokenEndpoint.DECISION).get("matchesPolicy").asBoolean())
                .isTrue();
    }

    @Test
    void escalationThroughTheAuthorizeEndpoint_isSuppressed_andExplained() {
        // given a user in no group asking for admin/* directly
        JsonNode tokens = client.exchange(client.callbackAfterSignIn("openid admin/*", "nobody"));

        // then
        assertThat(PlaygroundClient.payload(tokens.get("access_token").asText())
                        .get("scope")
                        .asText())
                .isEqualTo("openid");
        assertThat(tokens.get(TokenEndpoint.DECISION).get("scopes").toString())
                .isEqualTo("[{\"scope\":\"admin/*\",\"outcome\":\"suppressed\",\"reason\":\"no group of the user grants"
                        + " it\"},{\"scope\":\"openid\",\"outcome\":\"kept\",\"reason\":\"unmanaged: no group and no"
                        + " default names it, so ScopedGroupAuth leaves it as requested\"}]");
    }

    @Test
    void authorizeWithoutScope_requestsEveryScopeTheClientAllows_asCognitoDoes() {
        JsonNode tokens = client.exchange(client.callbackAfterSignIn(null, "eve"));

        assertThat(tokens.get(TokenEndpoint.DECISION).get("requested").toString())
                .isEqualTo("[\"openid\",\"email\",\"profile\",\"admin/*\",\"everyone/*\"]");
    }

    @ParameterizedTest
    @CsvSource({
        "ada,    admin,    access_token, 200",
        "ada,    everyone, access_token, 200",
        "ada,    admin,    id_token,     401",
        "ada,    everyone, id_token,     401",
        "eve,    admin,    access_token, 403",
        "eve,    everyone, access_token, 200",
        "nobody, everyone, access_token, 403",
    })
    void apiStandIn_enforcesTheTemplatesAuthorizationScopes(String user, String route, String token, int status) {
        JsonNode tokens = client.exchange(client.callbackAfterSignIn(ALL_SCOPES, user));

        HttpResponse<String> answer = client.callApi(route, tokens.get(token).asText());

        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(playground.pageUrl().substring(0, playground.pageUrl().length() - 1));
        if (status == 200) {
            assertThat(answer.body())
                    .isEqualTo("{\"route\": \"" + route + "\", \"scopes\": \""
                            + PlaygroundClient.payload(tokens.get(token).asText())
                                    .get("scope")
                                    .asText() + "\"}");
        }
    }

    @Test
    void apiStandIn_refusesMissingTamperedUnsignedAndForeignTokens() {
        String access = client.exchange(client.callbackAfterSignIn(ALL_SCOPES, "ada"))
                .get("access_token")
                .asText();
        String[] parts = access.split("\\.");
        String unsignedHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String foreign = new TokenKeys().sign(Map.of("token_use", "access", "scope", "admin/*"));
        String widened = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(PlaygroundClient.payload(access)
                                .toString()
                                .replace("\"exp\":", "\"exp\":9")
                                .getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThat(client.callApi("admin", null).statusCode()).isEqualTo(401);
        assertThat(client.callApi("admin", unsignedHeader + "." + parts[1] + ".")
                        .statusCode())
                .isEqualTo(401);
        assertThat(client.callApi("admin", foreign).statusCode()).isEqualTo(401);
        assertThat(client.callApi("admin", widened).statusCode()).isEqualTo(401);
        assertThat(client.callApi("admin", access).statusCode()).isEqualTo(200);
        assertThat(client.callApi("nowhere", access).body())
                .isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void codeExchange_refusesAWrongVerifier_anotherRedirectUri_andASecondUse() {
        String callback = client.callbackAfterSignIn(ALL_SCOPES, "eve");
        Map<String, String> wrongVerifier = new java.util.HashMap<>(client.codeGrant(callback));
        wrongVerifier.put("code_verifier", PlaygroundClient.VERIFIER.replace('d', 'e'));
        String second = client.callbackAfterSignIn(ALL_SCOPES, "eve");
        Map<String, String> otherRedirect = new java.util.HashMap<>(client.codeGrant(second));
        otherRedirect.put("redirect_uri", "http://localhost:1/");
        String third = client.callbackAfterSignIn(ALL_SCOPES, "eve");

        assertThat(client.token(wrongVerifier).body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"code_verifier does not match the"
                        + " code_challenge\"}");
        // a failed exchange uses the code up
        assertThat(client.token(client.codeGrant(callback)).body()).contains("\"invalid_grant\"");
        assertThat(client.token(otherRedirect).body()).contains("redirect_uri differs");
        assertThat(client.token(client.codeGrant(third)).statusCode()).isEqualTo(200);
        assertThat(client.token(client.codeGrant(third)).body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"the code is unknown, used or"
                        + " expired\"}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "code_challenge_method | plain | invalid_request",
                "code_challenge_method |       | invalid_request",
                "code_challenge        | short | invalid_request",
                "state                 |       | invalid_request",
                "response_type         | token | unsupported_response_type",
                "scope                 | openid aws.cognito.signin.user.admin | invalid_scope",
            })
    void authorize_refusesWithAnOAuthErrorAtTheRedirectUri(String parameter, String value, String error) {
        Map<String, String> parameters = client.authorizeParameters(ALL_SCOPES);
        parameters.put(parameter, value == null ? "" : value);

        HttpResponse<String> answer = client.authorize(parameters);

        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(playground.pageUrl() + "?error=" + error);
        assertThat(PlaygroundClient.query(location).get("error")).isEqualTo(error);
    }

    @Test
    void authorize_answersAWrongRedirectUriItself_withoutRedirecting() {
        Map<String, String> parameters = client.authorizeParameters(ALL_SCOPES);
        parameters.put("redirect_uri", "https://attacker.example/");

        HttpResponse<String> answer = client.authorize(parameters);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void signInPage_saysItIsALocalStandIn_andAWaitingSignInIsUsedOnce() {
        HttpResponse<String> authorize = client.authorize(client.authorizeParameters(ALL_SCOPES));
        String page = authorize.headers().firstValue("Location").orElseThrow();

        assertThat(client.post("/login", Map.of()).statusCode()).isEqualTo(400);
        assertThat(client.signIn(authorize, "eve").statusCode()).isEqualTo(302);
        assertThat(client.signIn(authorize, "eve").statusCode()).isEqualTo(400);
        assertThat(page).startsWith("/login?request=");
    }

    @Test
    void refreshTokenGrant_runsTheFunctionAgain_andReturnsNoNewRefreshToken() {
        JsonNode tokens = client.exchange(client.callbackAfterSignIn(ALL_SCOPES, "ada"));

        HttpResponse<String> refreshed = client.token(Map.of(
                "grant_type", "refresh_token",
                "client_id", playground.clientId(),
                "refresh_token", tokens.get("refresh_token").asText()));

        JsonNode answer = PlaygroundClient.json(refreshed.body());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(answer.has("refresh_token")).isFalse();
        assertThat(PlaygroundClient.payload(answer.get("access_token").asText())
                        .get("scope")
                        .asText())
                .isEqualTo("openid email profile admin/* everyone/*");
    }

    @Test
    void assemblyWithoutScopedGroupAuth_isRefused_namingTheAssemblyAndWhatWasLookedFor() throws IOException {
        Path empty = Files.createDirectories(temporary.resolve("no-auth"));
        Files.writeString(
                empty.resolve("manifest.json"),
                "{\"artifacts\": {\"Plain\": {\"type\": \"aws:cloudformation:stack\", \"properties\":"
                        + " {\"templateFile\": \"Plain.template.json\"}}}}");
        Files.writeString(empty.resolve("Plain.template.json"), "{\"Resources\": {}}");

        assertThatThrownBy(() -> Playground.start(settings(empty)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the cloud assembly " + empty + " has no ScopedGroupAuth: none of its stacks [Plain] has"
                        + " an AWS::Lambda::Function with the Handler"
                        + " io.github.scopedgroupauth.runtime.PreTokenGenerationHandler::handleRequest and the file"
                        + " scoped-group-auth.conf in its code asset; synthesize an app that defines one, or pass its"
                        + " cloud assembly with -Dplayground.cdkOut");
    }

    @Test
    void explain_printsTheDecisionForAClientGroupsAndScopes() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("playground.cdkOut", assembly.toString());
        properties.setProperty("playground.workDirectory", "target/playground-test");
        properties.setProperty("playground.groups", "EVERYONE");
        properties.setProperty("playground.scopes", "openid admin/*");

        assertThat(Explain.explain(properties))
                .isEqualTo("Stack ScopedGroupAuthExample of " + assembly + ", app client UserPoolWebClient4C9370B0\n"
                        + "client userpoolwebclient4c9370b0, groups [EVERYONE], requested [openid, admin/*]\n"
                        + "  suppressed admin/*: no group of the user grants it\n"
                        + "  added      everyone/*: group EVERYONE\n"
                        + "  kept       openid: unmanaged: no group and no default names it, so ScopedGroupAuth"
                        + " leaves it as requested\n"
                        + "access token scope: openid everyone/*\n");
    }
}
