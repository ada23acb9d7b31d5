package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handler between the serializer the Lambda Java runtime uses for Cognito events (they are not among
 * its special events, so it takes {@code JacksonFactory.getInstance().getSerializer(type)}): JSON in from a
 * stream, handler, JSON out, exactly as the runtime would return it to Cognito.
 */
class RuntimeSerializationTest {

    private static final PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScopePolicy POLICY = ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .group("ORDERS", List.of("https://api.example.com/orders.read"))
            .build();

    private final PreTokenGenerationHandler handler = new PreTokenGenerationHandler(POLICY);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hosted-auth-escalation.json | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}}}",
                "hosted-auth-v3.json         | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToSuppress\":[\"everyone/*\"]}}}",
                "authentication.json         | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"admin/*\",\"everyone/*\"]}}}",
                "new-password-challenge.json | {}",
                "authenticate-device.json    | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"https://api.example.com/orders.read\"]}}}",
                "refresh-tokens.json         | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToSuppress\":[\"admin/*\"]}}}",
                "client-credentials.json     | {}",
                "unknown-trigger-source.json | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}}}",
                "no-request.json             | {}",
                "null-arrays.json            | {}",
                "null-elements.json          | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}}}",
                "no-group-configuration.json | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToSuppress\":[\"admin/*\",\"everyone/*\"]}}}",
                "null-caller-context.json    | {\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"]}}}"
            })
    void returnsTheEventWithoutNullsAndWithOnlyTheScopeDecisionAsResponse(String fixture, String response)
            throws IOException {
        // given the fixture as Cognito sends it, and the same JSON without its null fields
        ObjectNode expected = (ObjectNode) withoutNullFields(JSON.readTree(fixtureBytes(fixture)));
        expected.set("response", JSON.readTree(response));

        // when the runtime deserializes it, calls the handler and serializes the result
        String returned = invokeAsRuntime(fixtureBytes(fixture));

        // then
        assertThat(JSON.readTree(returned)).isEqualTo(expected);
    }

    @Test
    void writesExactlyThisJson_forEscalationAttempt() throws IOException {
        String returned = invokeAsRuntime(fixtureBytes("hosted-auth-escalation.json"));

        assertThat(returned)
                .isEqualTo("{\"version\":\"2\",\"triggerSource\":\"TokenGeneration_HostedAuth\","
                        + "\"region\":\"us-east-1\",\"userPoolId\":\"us-east-1_EXAMPLE1\",\"userName\":\"user-123\","
                        + "\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"web-client-1\"},"
                        + "\"request\":{\"userAttributes\":{\"sub\":\"00000000-0000-4000-8000-000000000123\","
                        + "\"cognito:user_status\":\"CONFIRMED\",\"email_verified\":\"true\",\"email\":\"user@example.com\","
                        + "\"given_name\":\"Testfirstname\",\"family_name\":\"Testlastname\"},"
                        + "\"scopes\":[\"openid\",\"email\",\"admin/*\"],"
                        + "\"groupConfiguration\":{\"groupsToOverride\":[\"EVERYONE\"],\"iamRolesToOverride\":[]},"
                        + "\"clientMetadata\":{}},"
                        + "\"response\":{\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}}}}");
    }

    @Test
    void writesEmptyResponseObject_whenNothingChanges() throws IOException {
        String returned = invokeAsRuntime(fixtureBytes("new-password-challenge.json"));

        assertThat(returned).endsWith(",\"response\":{}}");
    }

    @Test
    void dropsUnknownFields_andStillDecides() throws IOException {
        JsonNode returned = JSON.readTree(invokeAsRuntime(fixtureBytes("unknown-fields.json")));

        assertThat(returned)
                .isEqualTo(JSON.readTree("{\"version\":\"2\","
                        + "\"triggerSource\":\"TokenGeneration_HostedAuth\",\"region\":\"us-east-1\","
                        + "\"userPoolId\":\"us-east-1_EXAMPLE1\",\"userName\":\"user-123\","
                        + "\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"web-client-1\"},"
                        + "\"request\":{\"userAttributes\":{\"email\":\"user@example.com\"},"
                        + "\"scopes\":[\"openid\",\"admin/*\"],"
                        + "\"groupConfiguration\":{\"groupsToOverride\":[\"EVERYONE\"],\"iamRolesToOverride\":[]},"
                        + "\"clientMetadata\":{}},"
                        + "\"response\":{\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}}}}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hosted-auth-escalation.json",
                "authentication.json",
                "refresh-tokens.json",
                "client-credentials.json",
                "null-arrays.json",
                "null-elements.json",
                "unknown-fields.json"
            })
    void neverWritesNullFieldsGroupOverrideOrIdTokenChanges(String fixture) throws IOException {
        JsonNode returned = JSON.readTree(invokeAsRuntime(fixtureBytes(fixture)));

        assertThat(nullFieldPaths(returned, "$")).isEmpty();
        JsonNode details = returned.path("response").path("claimsAndScopeOverrideDetails");
        assertThat(details.has("groupOverrideDetails")).isFalse();
        assertThat(details.has("idTokenGeneration")).isFalse();
        List<String> accessTokenFields = new ArrayList<>();
        details.path("accessTokenGeneration").fieldNames().forEachRemaining(accessTokenFields::add);
        assertThat(accessTokenFields).isSubsetOf("scopesToAdd", "scopesToSuppress");
    }

    @Test
    void readsEveryDocumentedFieldOfTheEvent() throws IOException {
        CognitoUserPoolPreTokenGenerationEventV2 event;
        try (InputStream json = new ByteArrayInputStream(fixtureBytes("authentication.json"))) {
            event = SERIALIZER.fromJson(json);
        }

        assertThat(event.getVersion()).isEqualTo("2");
        assertThat(event.getTriggerSource()).isEqualTo("TokenGeneration_Authentication");
        assertThat(event.getRegion()).isEqualTo("us-east-1");
        assertThat(event.getUserPoolId()).isEqualTo("us-east-1_EXAMPLE1");
        assertThat(event.getUserName()).isEqualTo("user-456");
        assertThat(event.getCallerContext().getAwsSdkVersion()).isEqualTo("aws-sdk-java-2.0.0");
        assertThat(event.getCallerContext().getClientId()).isEqualTo("sdk-client-1");
        assertThat(event.getRequest().getUserAttributes())
                .isEqualTo(Map.of("sub", "00000000-0000-4000-8000-000000000456", "email", "admin-user@example.com"));
        assertThat(event.getRequest().getGroupConfiguration().getGroupsToOverride())
                .containsExactly("ADMINS", "EVERYONE");
        assertThat(event.getRequest().getGroupConfiguration().getIamRolesToOverride())
                .containsExactly("arn:aws:iam::111122223333:role/example-admins");
        assertThat(event.getRequest().getGroupConfiguration().getPreferredRole())
                .isEqualTo("arn:aws:iam::111122223333:role/example-admins");
        assertThat(event.getRequest().getScopes()).containsExactly("aws.cognito.signin.user.admin");
        assertThat(event.getRequest().getClientMetadata()).isEqualTo(Map.of("example-key", "example-value"));
        assertThat(event.getResponse()).isNotNull();
        assertThat(event.getResponse().getClaimsAndScopeOverrideDetails()).isNull();
    }

    @Test
    void readsSingleScopeStringAsArray_andSuppressesIt() throws IOException {
        // given the runtime's serializer accepts a single value where an array belongs
        String event = "{\"version\":\"2\",\"triggerSource\":\"TokenGeneration_HostedAuth\","
                + "\"callerContext\":{\"clientId\":\"web\"},"
                + "\"request\":{\"scopes\":\"admin/*\",\"groupConfiguration\":{\"groupsToOverride\":\"EVERYONE\"}}}";

        // when
        String returned = invokeAsRuntime(event.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(JSON.readTree(returned))
                .isEqualTo(JSON.readTree("{\"version\":\"2\","
                        + "\"triggerSource\":\"TokenGeneration_HostedAuth\",\"callerContext\":{\"clientId\":\"web\"},"
                        + "\"request\":{\"scopes\":[\"admin/*\"],\"groupConfiguration\":{\"groupsToOverride\":[\"EVERYONE\"]}},"
                        + "\"response\":{\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}}}}"));
    }

    @Test
    void readsEmptyStringRequestAsMissing_andChangesNothing() throws IOException {
        String returned =
                invokeAsRuntime("{\"version\":\"3\",\"triggerSource\":\"TokenGeneration_HostedAuth\",\"request\":\"\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(JSON.readTree(returned))
                .isEqualTo(JSON.readTree(
                        "{\"version\":\"3\",\"triggerSource\":\"TokenGeneration_HostedAuth\",\"response\":{}}"));
    }

    @Test
    void dropsNullValuesOfUserAttributes_butKeepsNullArrayElements() throws IOException {
        JsonNode request = JSON.readTree(invokeAsRuntime(fixtureBytes("null-elements.json")))
                .get("request");

        assertThat(request.get("userAttributes")).isEqualTo(JSON.readTree("{}"));
        assertThat(request.get("scopes")).isEqualTo(JSON.readTree("[null,\"admin/*\",null,\"openid\"]"));
    }

    private String invokeAsRuntime(byte[] json) throws IOException {
        CognitoUserPoolPreTokenGenerationEventV2 event;
        try (InputStream in = new ByteArrayInputStream(json)) {
            event = SERIALIZER.fromJson(in);
        }
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SERIALIZER.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] fixtureBytes(String fixture) throws IOException {
        ClassLoader loader = RuntimeSerializationTest.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream("events/" + fixture)) {
            assertThat(in).as("fixture events/%s", fixture).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The same JSON with every object field whose value is null removed, at any depth; array elements stay. */
    private static JsonNode withoutNullFields(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    fields.remove();
                } else {
                    withoutNullFields(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(RuntimeSerializationTest::withoutNullFields);
        }
        return node;
    }

    private static List<String> nullFieldPaths(JsonNode node, String path) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    paths.add(path + "." + field.getKey());
                } else {
                    paths.addAll(nullFieldPaths(field.getValue(), path + "." + field.getKey()));
                }
            });
        }
        return paths;
    }
}
