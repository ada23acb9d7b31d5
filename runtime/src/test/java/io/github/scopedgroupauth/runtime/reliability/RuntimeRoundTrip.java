package io.github.scopedgroupauth.runtime.reliability;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.github.scopedgroupauth.runtime.PolicyModel;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import io.github.scopedgroupauth.runtime.UnsupportedEventVersionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One invocation as the Lambda Java runtime makes it (JSON through the serializer it uses for Cognito events,
 * the handler, JSON back), and the checks on its outcome: the handler throws nothing but
 * {@link UnsupportedEventVersionException}, and that exactly when the version is not {@code 2} or {@code 3};
 * the response holds only access token scope changes; and those are exactly the model's ({@link PolicyModel}), so
 * the access token Cognito would issue carries every entitled scope and no managed scope beyond them.
 */
final class RuntimeRoundTrip {

    /** How an invocation ended; every one of them is allowed, anything else fails the check. */
    enum Outcome {
        /** The runtime's serializer could not read the input, so the handler was never called. */
        UNREADABLE_BY_RUNTIME,
        /** The input was JSON {@code null}; the handler returned null. */
        NULL_EVENT,
        /** The version was not 2 or 3, and the handler failed the invocation. */
        VERSION_REFUSED,
        /** A client-credentials event, answered with an empty response. */
        MACHINE_TOKEN,
        /** A user's token event, answered within the policy. */
        DECIDED
    }

    private static final PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SUPPORTED_VERSIONS = Set.of("2", "3");

    private final PolicyModel model;
    private final PreTokenGenerationHandler handler;

    RuntimeRoundTrip(PolicyModel model) {
        this.model = model;
        this.handler = new PreTokenGenerationHandler(model.policy());
    }

    /**
     * Invokes the handler with these bytes as the event and checks the outcome.
     *
     * @throws AssertionError if the outcome breaks a rule, naming the rule and the input
     */
    Outcome invoke(byte[] input, Context context) {
        CognitoUserPoolPreTokenGenerationEventV2 event;
        try {
            event = SERIALIZER.fromJson(new ByteArrayInputStream(input));
        } catch (RuntimeException unreadable) {
            // The runtime fails such an invocation before any handler code runs: its behaviour, not ours.
            return Outcome.UNREADABLE_BY_RUNTIME;
        }
        if (event == null) {
            check(handler.handleRequest(null, context) == null, "a null event is answered with null", input);
            return Outcome.NULL_EVENT;
        }
        // What the handler is given, copied before it runs, so that nothing it does can change the oracle's input.
        String version = event.getVersion();
        String triggerSource = event.getTriggerSource();
        String clientId = event.getCallerContext() == null
                ? null
                : event.getCallerContext().getClientId();
        List<String> groups = event.getRequest() == null || event.getRequest().getGroupConfiguration() == null
                ? List.of()
                : copy(event.getRequest().getGroupConfiguration().getGroupsToOverride());
        List<String> requested =
                event.getRequest() == null ? List.of() : copy(event.getRequest().getScopes());

        CognitoUserPoolPreTokenGenerationEventV2 answered;
        try {
            answered = handler.handleRequest(event, context);
        } catch (UnsupportedEventVersionException refused) {
            check(!supported(version), "only an unsupported version is refused", input);
            return Outcome.VERSION_REFUSED;
        }
        check(supported(version), "an unsupported version is refused, not answered", input);
        JsonNode response = responseOf(answered).path("response");
        check(response.isObject(), "the answer has a response object", input);
        JsonNode details = response.path("claimsAndScopeOverrideDetails");
        check(fieldsOf(response).stream().allMatch("claimsAndScopeOverrideDetails"::equals), "response fields", input);
        check(
                fieldsOf(details).stream().allMatch("accessTokenGeneration"::equals),
                "no ID token or group change",
                input);
        check(
                Set.of("scopesToAdd", "scopesToSuppress").containsAll(fieldsOf(details.path("accessTokenGeneration"))),
                "only scope changes in the access token",
                input);
        if (PreTokenGenerationHandler.CLIENT_CREDENTIALS.equals(triggerSource)) {
            check(response.isEmpty(), "a client-credentials event gets an empty response", input);
            return Outcome.MACHINE_TOKEN;
        }
        JsonNode accessToken = details.path("accessTokenGeneration");
        List<String> added = texts(accessToken.path("scopesToAdd"));
        List<String> suppressed = texts(accessToken.path("scopesToSuppress"));
        List<String> expectedAdded = List.copyOf(model.toAdd(clientId, groups, requested));
        List<String> expectedSuppressed = List.copyOf(model.toSuppress(clientId, groups, requested));
        check(added.equals(expectedAdded), "added " + added + " as the model's " + expectedAdded, input);
        check(
                suppressed.equals(expectedSuppressed),
                "suppressed " + suppressed + " as the model's " + expectedSuppressed,
                input);
        return Outcome.DECIDED;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static boolean supported(String version) {
        return version != null && SUPPORTED_VERSIONS.contains(version);
    }

    private static JsonNode responseOf(CognitoUserPoolPreTokenGenerationEventV2 answered) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SERIALIZER.toJson(answered, out);
        try {
            return JSON.readTree(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("the runtime's serializer wrote unreadable JSON", e);
        }
    }

    private static List<String> fieldsOf(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> copy(String[] values) {
        return values == null ? List.of() : new ArrayList<>(Arrays.asList(values));
    }

    private static void check(boolean holds, String rule, byte[] input) {
        if (!holds) {
            throw new AssertionError("broken: " + rule + "; event: " + new String(input, StandardCharsets.UTF_8));
        }
    }
}
