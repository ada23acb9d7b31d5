package io.github.scopedgroupauth.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The events the end-to-end tests send, each with the exact answer expected, read from a JSON resource. The
 * format is described in the resource's {@code about} field.
 */
final class EventCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventCases() {
    }

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

    /**
     * Reads the cases.
     *
     * @param resource a classpath resource such as {@code /e2e/pre-token-generation-cases.json}
     * @return the cases in file order
     * @throws IllegalArgumentException if there are no cases, or a case lacks its name, event or expectation
     */
    static List<EventCase> load(String resource) {
        JsonNode root;
        try (InputStream in = Objects.requireNonNull(EventCases.class.getResourceAsStream(resource), resource)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        List<EventCase> cases = new ArrayList<>();
        for (JsonNode node : root.path("cases")) {
            String name = node.path("name").asText();
            JsonNode event = node.get("event");
            JsonNode expected = node.has("expected") ? node.get("expected") : withResponse(event, node);
            if (name.isEmpty() || event == null || expected == null) {
                throw new IllegalArgumentException(resource + ": case '" + name + "' needs 'name', 'event' and"
                        + " 'expected' or 'expectedResponse'");
            }
            cases.add(new EventCase(name, event.toString(), expected));
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(resource + " has no 'cases'");
        }
        return List.copyOf(cases);
    }

    /**
     * Parses an answer for comparison with {@link EventCase#expected()}.
     *
     * @param body the posted body
     * @return the JSON tree
     * @throws UncheckedIOException if the body is not JSON
     */
    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the answer is not JSON: " + body, e);
        }
    }

    private static JsonNode withResponse(JsonNode event, JsonNode node) {
        JsonNode response = node.get("expectedResponse");
        if (event == null || !event.isObject() || response == null) {
            return null;
        }
        ObjectNode expected = event.deepCopy();
        expected.set("response", response);
        return expected;
    }
}
