package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.sun.management.ThreadMXBean;
import io.github.scopedgroupauth.runtime.ScopePolicyDifferentialTest.Model;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The handler's warm path attacked through the Lambda runtime's serializer: request arrays on both sides of the
 * point where requested scopes are sorted rather than scanned (16, 17), and of the point where groups are
 * sorted rather than merged one by one; scopes with '/' where the warm path looks for one ("/a/b", "a//b",
 * "https://x/y") and look-alikes without a real one; one handler answering from several threads; events beyond
 * Cognito's quotas. The access token Cognito would issue from each answer must hold every entitled scope and no
 * managed scope beyond them.
 */
class WarmPathAdversarialTest {

    private static final PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Scopes a policy may manage: each has its last '/' somewhere other than at either end. */
    private static final List<String> MANAGED =
            List.of("api/read", "API/read", "/a/b", "a//b", "https://x/y", "https://x/y/z", "a/b/c", "admin/*", "x/-");
    /**
     * Never managed: empty, standard, near misses in spacing and case, look-alikes of '/' (U+2215, U+FF0F) and of
     * letters (Cyrillic a), a zero-width space, a combining accent, and slashes where no scope has them.
     */
    private static final List<String> UNMANAGED = List.of(
            "",
            "openid",
            "api/read ",
            "API/READ",
            "api\u2215read",
            "api\uff0fread",
            "\u0430dmin/*",
            "admin/*\u200b",
            "api/re\u0301ad",
            "/",
            "//",
            "a/b/",
            "https:/x/y",
            "https://x//y");
    /** Group names that differ only in case or Unicode normalization, and enough others to pass 16 groups. */
    private static final List<String> NAMES = List.of(
            "ADMINS", "admins", "\u00c4", "A\u0308", "\u00e9", "e\u0301", "G0", "G1", "G2", "G3", "G4", "G5", "G6",
            "G7", "G8", "G9", "G10", "G11", "G12", "G13");

    private static final List<String> CLIENTS = List.of("c0", "C0", "c1");

    @Provide
    Arbitrary<Model> models() {
        return ScopePolicyDifferentialTest.models(MANAGED, NAMES, CLIENTS, 4, NAMES.size());
    }

    @Provide
    Arbitrary<String[]> requested() {
        Arbitrary<String> scope = Arbitraries.oneOf(Arbitraries.of(MANAGED), Arbitraries.of(UNMANAGED))
                .injectNull(0.05);
        return Arbitraries.oneOf(
                scope.array(String[].class).ofMaxSize(4),
                scope.array(String[].class).ofSize(16),
                scope.array(String[].class).ofSize(17),
                scope.array(String[].class).ofMaxSize(60));
    }

    @Provide
    Arbitrary<String[]> userGroups() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.of("", "UNKNOWN", "g0"))
                .injectNull(0.05);
        return Arbitraries.oneOf(
                name.array(String[].class).ofMaxSize(3),
                name.array(String[].class).ofSize(16),
                name.array(String[].class).ofSize(17),
                name.array(String[].class).ofMaxSize(40));
    }

    @Property(tries = 1500)
    void theIssuedTokenIsWithinThePolicy_forEventsThroughTheRuntimeSerializer(
            @ForAll("models") Model model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") String[] groups,
            @ForAll("requested") String[] requested)
            throws IOException {
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(model.policy());

        JsonNode changes = invokeAsRuntime(handler, eventJson(clientId, groups, requested));

        assertWithinPolicy(model, clientId, groups, requested, changes);
    }

    @Provide
    Arbitrary<String> clientIds() {
        return Arbitraries.of("c0", "C0", "c1", "", "unknown").injectNull(0.1);
    }

    @Test
    void oneHandlerAnsweringFromSeveralThreads_answersEachEventAsIfAlone() throws Exception {
        // Hash maps, as the model looks up the events' null group names in them.
        Model model = new Model(
                new HashMap<>(Map.of(
                        "ADMINS", Set.of("admin/*", "/a/b"),
                        "G0", Set.of("api/read", "a//b"),
                        "G1", Set.of("https://x/y", "api/read"))),
                Set.of("x/-"),
                new HashMap<>(Map.of(
                        "c0", Set.of("admin/*", "/a/b", "api/read", "x/-"), "c1", Set.of("https://x/y", "a//b"))));
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(model.policy());
        int threads = 4;
        CountDownLatch start = new CountDownLatch(threads);
        List<Callable<Integer>> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            callers.add(() -> {
                start.countDown();
                start.await();
                for (int i = 0; i < 300; i++) {
                    String clientId = CLIENTS.get(random.nextInt(CLIENTS.size()));
                    String[] groups = pick(random, List.of("ADMINS", "G0", "G1", "admins"), random.nextInt(20));
                    String[] requested = pick(random, concat(MANAGED, UNMANAGED), random.nextInt(30));
                    JsonNode changes = invokeAsRuntime(handler, eventJson(clientId, groups, requested));
                    assertWithinPolicy(model, clientId, groups, requested, changes);
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
    void eventsFarBeyondCognitosQuotas_areAnsweredWithinThePolicy() throws IOException {
        // 10,000 groups (a pool's maximum), a user listed in each ten times (Cognito sends at most 100 groups),
        // 100,000 requested scopes (an app client may have 50), with repeats and nulls.
        Map<String, Set<String>> groups = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            groups.put("G" + i, Set.of("api/s" + i, "api/t" + (i % 50)));
        }
        Model model = new Model(groups, Set.of("/a/b"), Map.of());
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

        assertWithinPolicy(model, "c0", userGroups, requested, changes);
    }

    @Test
    void entitlementsOfManyGroups_costInProportionToTheirScopes_notToTheirSquare() {
        // Each group has one scope of its own: merged one group at a time, every group copied the whole union
        // so far, which for ten times the groups allocated a hundred times as much (seconds for 100,000 groups).
        assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(ThreadMXBean.class);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
        Map<String, List<String>> groups = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            groups.put("G" + i, List.of("api/s" + i));
        }
        ScopePolicy policy = ScopePolicy.builder()
                .groupScopes(groups)
                .defaultScopes(List.of("/a/b"))
                .build();
        String[] thousand = names(1_000);
        String[] tenThousand = names(10_000);
        String[] requested = {"openid"};
        policy.change(null, thousand, requested);

        long before = threads.getCurrentThreadAllocatedBytes();
        ScopePolicy.Change fewer = policy.change(null, thousand, requested);
        long forThousand = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        ScopePolicy.Change more = policy.change(null, tenThousand, requested);
        long forTenThousand = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(fewer.toAdd()).hasSize(1_001);
        assertThat(more.toAdd()).hasSize(10_001);
        assertThat(forTenThousand).isLessThan(25 * forThousand);
    }

    private static String[] names(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "G" + i;
        }
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String[] pick(Random random, List<String> values, int count) {
        String[] picked = new String[count];
        for (int i = 0; i < count; i++) {
            int index = random.nextInt(values.size() + 1);
            picked[i] = index == values.size() ? null : values.get(index);
        }
        return picked;
    }

    /** A V2 hosted UI event as JSON, with nulls where the arrays hold them. */
    private static byte[] eventJson(String clientId, String[] groups, String[] requested) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2");
        event.put("triggerSource", "TokenGeneration_HostedAuth");
        event.putObject("callerContext").put("clientId", clientId);
        ObjectNode request = event.putObject("request");
        array(request.putObject("groupConfiguration").putArray("groupsToOverride"), groups);
        array(request.putArray("scopes"), requested);
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

    private static void assertWithinPolicy(
            Model model, String clientId, String[] groups, String[] requested, JsonNode changes) {
        List<String> added = texts(changes.path("scopesToAdd"));
        List<String> suppressed = texts(changes.path("scopesToSuppress"));
        assertThat(added).containsExactlyElementsOf(model.toAdd(clientId, groups, requested));
        assertThat(suppressed).containsExactlyElementsOf(model.toSuppress(clientId, groups, requested));
        // The token as Cognito issues it: requested, plus added, minus suppressed (suppression wins).
        Set<String> token = new TreeSet<>();
        for (String scope : requested) {
            if (scope != null) {
                token.add(scope);
            }
        }
        Set<String> allowed = new HashSet<>(token);
        allowed.removeAll(model.managed());
        Set<String> entitled = model.entitled(clientId, groups);
        allowed.addAll(entitled);
        token.addAll(added);
        token.removeAll(suppressed);
        assertThat(allowed).containsAll(token);
        assertThat(token).containsAll(entitled);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
