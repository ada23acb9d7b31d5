package io.github.scopedgroupauth.runtime.reliability;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes pre token generation events as JSON text, mostly shaped like Cognito's and broken in every part: each
 * field may be missing, null, of the wrong JSON type or junk text, each array may be a single value or hold
 * nulls, numbers and objects, and a response may already be filled in.
 */
final class EventGenerator {

    static final List<String> VERSIONS = List.of("2", "3", "1", "4", "", "2 ", "V2_0", "02");
    static final List<String> TRIGGER_SOURCES = List.of(
            "TokenGeneration_HostedAuth",
            "TokenGeneration_Authentication",
            "TokenGeneration_NewPasswordChallenge",
            "TokenGeneration_AuthenticateDevice",
            "TokenGeneration_RefreshTokens",
            "TokenGeneration_ClientCredentials",
            "TokenGeneration_clientcredentials",
            "TokenGeneration_SomethingNew",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Choices choices;

    EventGenerator(Choices choices) {
        this.choices = choices;
    }

    /** One event as UTF-8 JSON. */
    byte[] event() {
        ObjectNode event = NODES.objectNode();
        // The version is well-formed more often than other fields, so that most events reach the decision.
        put(
                event,
                "version",
                choices.below(4) == 0 ? field(VERSIONS) : NODES.textNode(choices.oneOf(List.of("2", "3"))));
        put(event, "triggerSource", field(TRIGGER_SOURCES));
        put(event, "region", field(List.of("us-east-1")));
        put(event, "userPoolId", field(List.of("us-east-1_EXAMPLE1")));
        put(event, "userName", field(List.of("user-123")));
        put(event, "callerContext", object(() -> {
            ObjectNode caller = NODES.objectNode();
            put(caller, "awsSdkVersion", field(List.of("aws-sdk-unknown-unknown")));
            put(caller, "clientId", field(FuzzPolicy.EVENT_CLIENTS));
            return caller;
        }));
        put(event, "request", object(this::request));
        put(event, "response", response());
        try {
            return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private ObjectNode request() {
        ObjectNode request = NODES.objectNode();
        put(request, "userAttributes", object(() -> {
            ObjectNode attributes = NODES.objectNode();
            put(attributes, "sub", field(List.of("00000000-0000-4000-8000-000000000123")));
            put(attributes, choices.text(8), field(List.of("value")));
            return attributes;
        }));
        put(request, "scopes", array(FuzzPolicy.EVENT_SCOPES));
        put(request, "groupConfiguration", object(() -> {
            ObjectNode groups = NODES.objectNode();
            put(groups, "groupsToOverride", array(FuzzPolicy.EVENT_GROUPS));
            put(groups, "iamRolesToOverride", array(List.of("arn:aws:iam::111122223333:role/example")));
            put(groups, "preferredRole", field(List.of("arn:aws:iam::111122223333:role/example")));
            return groups;
        }));
        put(request, "clientMetadata", object(NODES::objectNode));
        return request;
    }

    /** A response Cognito never sends, which the handler must replace whole. */
    private JsonNode response() {
        return switch (choices.below(4)) {
            case 0 -> null;
            case 1 -> NODES.objectNode();
            case 2 -> junk();
            default -> {
                ObjectNode accessToken = NODES.objectNode();
                accessToken.set("scopesToAdd", NODES.arrayNode().add("admin/*"));
                accessToken.set("claimsToAddOrOverride", NODES.objectNode().put("claim", "value"));
                ObjectNode details = NODES.objectNode();
                details.set("accessTokenGeneration", accessToken);
                details.set("groupOverrideDetails", NODES.objectNode());
                details.set(
                        "idTokenGeneration",
                        NODES.objectNode()
                                .set("claimsToSuppress", NODES.arrayNode().add("email")));
                yield NODES.objectNode().set("claimsAndScopeOverrideDetails", details);
            }
        };
    }

    /** A field's value: mostly meaningful, else missing ({@code null} here), JSON null, junk or wrongly typed. */
    private JsonNode field(List<String> meaningful) {
        int kind = choices.below(10);
        if (kind < 6) {
            return NODES.textNode(choices.oneOf(meaningful));
        }
        return switch (kind) {
            case 6 -> null;
            case 7 -> NODES.nullNode();
            case 8 -> NODES.textNode(choices.text(16));
            default -> junk();
        };
    }

    /** An object built by {@code content}, or one of the ways it can be broken. */
    private JsonNode object(Supplier<ObjectNode> content) {
        int kind = choices.below(10);
        if (kind < 7) {
            return content.get();
        }
        return switch (kind) {
            case 7 -> null;
            case 8 -> NODES.nullNode();
            default -> junk();
        };
    }

    /** An array of meaningful and broken elements, a single value where the array belongs, or broken. */
    private JsonNode array(List<String> meaningful) {
        int kind = choices.below(10);
        if (kind < 6) {
            ArrayNode array = NODES.arrayNode();
            int size = choices.below(6);
            for (int i = 0; i < size; i++) {
                array.add(choices.below(6) == 0 ? field(meaningful) : NODES.textNode(choices.oneOf(meaningful)));
            }
            return array;
        }
        return switch (kind) {
            case 6 -> NODES.textNode(choices.oneOf(meaningful));
            case 7 -> null;
            case 8 -> NODES.nullNode();
            default -> junk();
        };
    }

    /** A value of any JSON type but the expected one's meaning: numbers, booleans, text, arrays, objects. */
    private JsonNode junk() {
        return switch (choices.below(7)) {
            case 0 -> NODES.numberNode(choices.below(5));
            case 1 -> NODES.numberNode(choices.below(1000) / 7.0);
            case 2 -> NODES.booleanNode(choices.below(2) == 0);
            case 3 -> NODES.textNode(choices.text(32));
            case 4 -> NODES.arrayNode().add(choices.text(8)).add(NODES.nullNode());
            case 5 -> NODES.arrayNode();
            default -> NODES.objectNode().put(choices.text(8), choices.text(8));
        };
    }

    /** Leaves the field out when the value is missing. */
    private static void put(ObjectNode object, String name, JsonNode value) {
        if (value != null) {
            object.set(name, value);
        }
    }
}
