package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The decision and the handler against the tests' one model of the specification ({@link PolicyModel}), on
 * values chosen to collide: scopes and group names that differ only in case or normalization, groups with the
 * same scopes, repeated groups, empty strings and nulls. The handler is invoked as the Lambda runtime invokes it,
 * JSON through the runtime's serializer, and each answer is compared with the model exactly.
 */
class ScopePolicyDifferentialTest {

    private static final PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<PolicyModel> models() {
        return PolicyModel.models();
    }

    @Provide
    Arbitrary<String> clientIds() {
        return PolicyModel.clientIds();
    }

    @Provide
    Arbitrary<List<String>> userGroups() {
        return PolicyModel.userGroups();
    }

    @Provide
    Arbitrary<List<String>> requested() {
        return PolicyModel.requestedScopes();
    }

    @Property(tries = 2000)
    void decideAgreesWithTheModel_andLeavesItsArgumentsAlone(
            @ForAll("models") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") List<String> groups,
            @ForAll("requested") List<String> requested) {
        ScopePolicy policy = model.policy();
        List<String> groupsBefore = groups == null ? null : new ArrayList<>(groups);
        List<String> requestedBefore = requested == null ? null : new ArrayList<>(requested);

        ScopeDecision decision = policy.decide(clientId, groups, requested);

        assertThat(decision.scopesToAdd()).containsExactlyElementsOf(model.toAdd(clientId, groups, requested));
        assertThat(decision.scopesToSuppress())
                .containsExactlyElementsOf(model.toSuppress(clientId, groups, requested));
        assertThat(decision.tokenScopes()).containsExactlyElementsOf(model.token(clientId, groups, requested));
        assertThat(policy.entitledScopes(clientId, groups)).containsExactlyElementsOf(model.entitled(clientId, groups));
        assertThat(policy.managedScopes()).isEqualTo(model.managed());
        assertThat(groups).isEqualTo(groupsBefore);
        assertThat(requested).isEqualTo(requestedBefore);
    }

    @Property(tries = 1000)
    void theHandlerAnswersAsTheModel_throughTheRuntimeSerializer_evenAfterItsLastAnswerWasOverwritten(
            @ForAll("models") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") List<String> groups,
            @ForAll("requested") List<String> requested)
            throws IOException {
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(model.policy());
        CognitoUserPoolPreTokenGenerationEventV2 first =
                SERIALIZER.fromJson(new ByteArrayInputStream(eventJson(clientId, array(groups), array(requested))));
        poison(handler.handleRequest(first, new LoggerContext(new CapturingLogger())));

        JsonNode changes = invokeAsRuntime(handler, eventJson(clientId, array(groups), array(requested)));

        assertAsTheModel(model, clientId, array(groups), array(requested), changes);
    }

    @Test
    void oneHandlerAnsweringFromSeveralThreads_answersEachEventAsIfAlone() throws Exception {
        // Hash maps, as the model looks up the events' null group names in them.
        PolicyModel model = new PolicyModel(
                new HashMap<>(Map.of(
                        "ADMINS", Set.of("admin/*", "/a/b"),
                        "G0", Set.of("api/read", "a//b"),
                        "G1", Set.of("https://x.example/o.r", "api/read"))),
                Set.of("x/-"),
                new HashMap<>(Map.of(
                        "c0",
                        Set.of("admin/*", "/a/b", "api/read", "x/-"),
                        "c1",
                        Set.of("https://x.example/o.r", "a//b"))));
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(model.policy());
        List<String> scopes = new ArrayList<>(PolicyModel.SCOPES);
        scopes.addAll(PolicyModel.UNMANAGED);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(threads);
        List<Callable<Integer>> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            callers.add(() -> {
                start.countDown();
                start.await();
                for (int i = 0; i < 300; i++) {
                    String clientId = PolicyModel.CLIENTS.get(random.nextInt(PolicyModel.CLIENTS.size()));
                    String[] groups = pick(random, List.of("ADMINS", "G0", "G1", "admins"), random.nextInt(20));
                    String[] requested = pick(random, scopes, random.nextInt(30));
                    JsonNode changes = invokeAsRuntime(handler, eventJson(clientId, groups, requested));
                    assertAsTheModel(model, clientId, groups, requested, changes);
                }
                return threads;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Integer> caller : pool.invokeAll(callers)) {
                assertThat(caller.get()).isEqualTo(threads);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventsFarBeyondCognitosQuotas_areAnsweredAsTheModelAnswers() throws IOException {
        // 10,000 groups (a pool's maximum), a user listed in each ten times (Cognito sends at most 100 groups),
        // 100,000 requested scopes (an app client may have 50), with repeats and nulls.
        Map<String, Set<String>> groups = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            groups.put("G" + i, Set.of("api/s" + i, "api/t" + (i % 50)));
        }
        PolicyModel model = new PolicyModel(groups, Set.of("/a/b"), Map.of());
        String[] userGroups = new String[100_000];
        for (int i = 0; i < userGroups.length; i++) {
            userGroups[i] = i % 13 == 0 ? "UNKNOWN" : "G" + (i * 7 % 10_000);
        }
        String[] requested = new String[100_000];
        for (int i = 0; i < requested.length; i++) {
            requested[i] = i % 11 == 0 ? null : i % 3 == 0 ? "api/s" + (i % 20_000) : "other/" + (i % 30_000);
        }

        JsonNode changes =
                invokeAsRuntime(new PreTokenGenerationHandler(model.policy()), eventJson("c0", userGroups, requested));

        assertAsTheModel(model, "c0", userGroups, requested, changes);
    }

    private static String[] array(List<String> values) {
        return values == null ? null : values.toArray(new String[0]);
    }

    private static String[] pick(Random random, List<String> values, int count) {
        String[] picked = new String[count];
        for (int i = 0; i < count; i++) {
            int index = random.nextInt(values.size() + 1);
            picked[i] = index == values.size() ? null : values.get(index);
        }
        return picked;
    }

    /** A V2 hosted UI event as JSON, with nulls where the arrays hold them and no array where they are null. */
    private static byte[] eventJson(String clientId, String[] groups, String[] requested) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2");
        event.put("triggerSource", "TokenGeneration_HostedAuth");
        event.putObject("callerContext").put("clientId", clientId);
        ObjectNode request = event.putObject("request");
        if (groups != null) {
            array(request.putObject("groupConfiguration").putArray("groupsToOverride"), groups);
        }
        if (requested != null) {
            array(request.putArray("scopes"), requested);
        }
        return JSON.writeValueAsBytes(event);
    }

    private static void array(ArrayNode node, String[] values) {
        for (String value : values) {
            node.add(value);
        }
    }

    /** The runtime's serializer in, the handler, the serializer out; the answer's access token changes. */
    private static JsonNode invokeAsRuntime(PreTokenGenerationHandler handler, byte[] event) throws IOException {
        CognitoUserPoolPreTokenGenerationEventV2 in = SERIALIZER.fromJson(new ByteArrayInputStream(event));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SERIALIZER.toJson(handler.handleRequest(in, new LoggerContext(new CapturingLogger())), out);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8))
                .path("response")
                .path("claimsAndScopeOverrideDetails")
                .path("accessTokenGeneration");
    }

    /** Overwrites the answer's arrays and the event's, as a careless caller or serializer might. */
    private static void poison(CognitoUserPoolPreTokenGenerationEventV2 answered) {
        if (answered.getResponse().getClaimsAndScopeOverrideDetails() != null) {
            var access =
                    answered.getResponse().getClaimsAndScopeOverrideDetails().getAccessTokenGeneration();
            poison(access.getScopesToAdd());
            poison(access.getScopesToSuppress());
        }
        poison(answered.getRequest().getScopes());
        if (answered.getRequest().getGroupConfiguration() != null) {
            poison(answered.getRequest().getGroupConfiguration().getGroupsToOverride());
        }
    }

    private static void poison(String[] values) {
        for (int i = 0; values != null && i < values.length; i++) {
            values[i] = i % 2 == 0 ? PolicyModel.SCOPES.get(i % PolicyModel.SCOPES.size()) : null;
        }
    }

    private static void assertAsTheModel(
            PolicyModel model, String clientId, String[] groups, String[] requested, JsonNode changes) {
        List<String> groupList = groups == null ? null : Arrays.asList(groups);
        List<String> requestedList = requested == null ? null : Arrays.asList(requested);
        assertThat(texts(changes.path("scopesToAdd")))
                .containsExactlyElementsOf(model.toAdd(clientId, groupList, requestedList));
        assertThat(texts(changes.path("scopesToSuppress")))
                .containsExactlyElementsOf(model.toSuppress(clientId, groupList, requestedList));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
