package io.github.scopedgroupauth.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scopedgroupauth.examples.e2e.RuntimeApiServer.InvocationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.SoftAssertions;

/**
 * The events the end-to-end tests send, each with the exact answer expected, read from
 * {@value #RESOURCE}; its {@code about} field describes the format.
 */
final class EventCases {

    static final String RESOURCE = "/e2e/pre-token-generation-cases.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventCases() {}

    /**
     * One event and the answer expected for it.
     *
     * @param name what the case shows
     * @param event the event JSON as sent
     * @param expected the whole answer expected
     */
    record EventCase(String name, String event, JsonNode expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@return the cases in file order} */
    static List<EventCase> load() {
        List<EventCase> cases = new ArrayList<>();
        for (JsonNode node : parse(resource(RESOURCE)).path("cases")) {
            JsonNode expected = node.get("expected");
            if (expected == null) {
                expected = ((ObjectNode) node.get("event").deepCopy()).set("response", node.get("expectedResponse"));
            }
            cases.add(
                    new EventCase(node.path("name").asText(), node.get("event").toString(), expected));
        }
        return cases;
    }

    /** {@return the first case whose name starts with this} */
    static EventCase named(String prefix) {
        return load().stream()
                .filter(event -> event.name().startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Sends every case, in order, and asserts each answer and that the Runtime API recorded no error and
     * rejected no request. A failure lists every wrong answer, then the process's diagnostics.
     */
    static void assertEveryCaseAnswered(LambdaProcess lambda) {
        SoftAssertions softly = new SoftAssertions();
        for (EventCase event : load()) {
            InvocationResult result = lambda.invoke(event.event());
            softly.assertThat(result.isError())
                    .as("%s: reported an error: %s", event, result.body())
                    .isFalse();
            if (!result.isError()) {
                softly.assertThat(parse(result.body())).as(event.name()).isEqualTo(event.expected());
            }
        }
        softly.assertThat(lambda.runtimeApi().invocationErrors())
                .as("invocation errors")
                .isEmpty();
        softly.assertThat(lambda.runtimeApi().initErrors()).as("init errors").isEmpty();
        softly.assertThat(lambda.runtimeApi().unexpectedRequests())
                .as("rejected requests")
                .isEmpty();
        try {
            softly.assertAll();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + lambda.diagnostics(), e);
        }
    }

    /** {@return the JSON tree of an answer, an error document or a log line} */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** {@return the text of a test resource} */
    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(EventCases.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
