package io.github.scopedgroupauth.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import io.github.scopedgroupauth.runtime.UnsupportedEventVersionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the table "Tolerated at run time" of docs/reliability.md true: each row's event, sent through the Lambda
 * runtime's serializer and the handler, ends exactly in the row's outcome.
 */
class MalformedEventCatalogueTest {

    private static final String HEADING = "## Tolerated at run time";
    private static final PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PreTokenGenerationHandler handler = new PreTokenGenerationHandler(ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .build());

    @Test
    void theCatalogueListsEventsWithOutcomes() {
        List<List<String>> rows = CatalogueTable.rows(HEADING);

        assertThat(rows)
                .hasSizeGreaterThan(20)
                .allSatisfy(row -> assertThat(row).hasSize(3));
    }

    @TestFactory
    Stream<DynamicTest> eachEventEndsInItsDocumentedOutcome() {
        return CatalogueTable.rows(HEADING).stream()
                .map(row -> DynamicTest.dynamicTest(row.get(1), () -> assertOutcome(row.get(0), row.get(2))));
    }

    private void assertOutcome(String event, String outcome) throws IOException {
        byte[] input = event.endsWith(".json") ? fixture(event) : event.getBytes(StandardCharsets.UTF_8);
        switch (outcome) {
            case "unreadable" ->
                assertThatThrownBy(() -> SERIALIZER.fromJson(new ByteArrayInputStream(input)))
                        .isInstanceOf(RuntimeException.class);
            case "UnsupportedEventVersionException" ->
                assertThatThrownBy(() -> handler.handleRequest(read(input), null))
                        .isInstanceOf(UnsupportedEventVersionException.class);
            case "null" -> {
                CognitoUserPoolPreTokenGenerationEventV2 read = read(input);
                assertThat(read).isNull();
                assertThat(write(handler.handleRequest(read, null))).isEqualTo("null");
            }
            default ->
                assertThat(JSON.readTree(write(handler.handleRequest(read(input), null)))
                                .get("response"))
                        .isEqualTo(JSON.readTree(outcome));
        }
    }

    private static CognitoUserPoolPreTokenGenerationEventV2 read(byte[] input) {
        return SERIALIZER.fromJson(new ByteArrayInputStream(input));
    }

    private static String write(CognitoUserPoolPreTokenGenerationEventV2 event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SERIALIZER.toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MalformedEventCatalogueTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as("fixture events/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
