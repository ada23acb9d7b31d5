package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ScopedGroupAuthScopes#apply} with hostile handler code in the loop: before the policy is applied, the
 * code writes random claims (among them {@code scope}, {@code client_id}, {@code aud} and {@code token_use}),
 * random scopes to add and suppress, managed or not, and a group override naming groups the user is not in.
 * Events go through the Lambda runtime's serializer in and out, and the token Cognito would issue is compared
 * with the tests' model of the decision ({@link PolicyModel}).
 */
class ScopedGroupAuthScopesPropertiesTest {

    private static final PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLAIMS = List.of("scope", "client_id", "aud", "token_use", "tenant", "roles");

    /** What the handler's own code writes into the response before it calls apply. */
    record HostileCode(
            Map<String, String> accessClaims,
            Map<String, String> idClaims,
            List<String> scopesToAdd,
            List<String> scopesToSuppress,
            List<String> groupOverride) {

        void writeInto(CognitoUserPoolPreTokenGenerationEventV2 event) {
            AccessTokenGeneration access = new AccessTokenGeneration(
                    accessClaims, new String[] {"email"}, array(scopesToAdd), array(scopesToSuppress));
            ClaimsAndScopeOverrideDetails details = new ClaimsAndScopeOverrideDetails();
            details.setAccessTokenGeneration(access);
            details.setIdTokenGeneration(new IdTokenGeneration(idClaims, null));
            if (groupOverride != null) {
                GroupOverrideDetails groups = new GroupOverrideDetails();
                groups.setGroupsToOverride(array(groupOverride));
                details.setGroupOverrideDetails(groups);
            }
            event.getResponse().setClaimsAndScopeOverrideDetails(details);
        }
    }

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

    @Provide
    Arbitrary<HostileCode> code() {
        Arbitrary<Map<String, String>> claims = Arbitraries.maps(
                        Arbitraries.of(CLAIMS), Arbitraries.of(PolicyModel.SCOPES))
                .ofMaxSize(4)
                .injectNull(0.2);
        Arbitrary<List<String>> scopes = Arbitraries.oneOf(
                        Arbitraries.of(PolicyModel.SCOPES), Arbitraries.of(PolicyModel.UNMANAGED))
                .injectNull(0.05)
                .list()
                .ofMaxSize(8)
                .injectNull(0.2);
        Arbitrary<List<String>> groupOverride =
                Arbitraries.of(PolicyModel.NAMES).list().ofMaxSize(3).injectNull(0.3);
        return Combinators.combine(claims, claims, scopes, scopes, groupOverride)
                .as(HostileCode::new);
    }

    @Property(tries = 1500)
    void theTokenHoldsAManagedScopeOnlyIfEntitled_andKeepsWhatTheCodeMayWrite(
            @ForAll("models") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") List<String> groups,
            @ForAll("requested") List<String> requested,
            @ForAll("code") HostileCode code)
            throws IOException {
        ScopedGroupAuthScopes scopes = ScopedGroupAuthScopes.of(model.policy());

        JsonNode response =
                invokeAsRuntime(scopes, eventJson("TokenGeneration_HostedAuth", clientId, groups, requested), code);

        JsonNode access = response.path("claimsAndScopeOverrideDetails").path("accessTokenGeneration");
        SortedSet<String> adds = texts(access.path("scopesToAdd"));
        SortedSet<String> suppressed = texts(access.path("scopesToSuppress"));
        SortedSet<String> expectedSuppressed = PolicyModel.present(code.scopesToSuppress());
        expectedSuppressed.addAll(model.toSuppress(clientId, groups, requested));
        SortedSet<String> expectedAdds = new TreeSet<>(model.toAdd(clientId, groups, requested));
        SortedSet<String> entitled = model.entitled(clientId, groups);
        for (String scope : PolicyModel.present(code.scopesToAdd())) {
            if (!model.managed().contains(scope) || entitled.contains(scope)) {
                expectedAdds.add(scope);
            }
        }
        expectedAdds.removeAll(expectedSuppressed);
        assertThat(suppressed).isEqualTo(expectedSuppressed);
        assertThat(adds).isEqualTo(expectedAdds);
        for (String scope : cognitoToken(requested, adds, suppressed)) {
            assertThat(!model.managed().contains(scope) || entitled.contains(scope))
                    .as("managed scope %s in the token", scope)
                    .isTrue();
        }
        assertKeptWhatTheCodeMayWrite(code, response);
    }

    @Property(tries = 500)
    void aMachineTokenGetsNoManagedScopeFromTheCode_andNothingFromThePolicy(
            @ForAll("models") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("requested") List<String> requested,
            @ForAll("code") HostileCode code)
            throws IOException {
        ScopedGroupAuthScopes scopes = ScopedGroupAuthScopes.of(model.policy());

        JsonNode response = invokeAsRuntime(
                scopes, eventJson("TokenGeneration_ClientCredentials", clientId, null, requested), code);

        JsonNode access = response.path("claimsAndScopeOverrideDetails").path("accessTokenGeneration");
        SortedSet<String> expectedSuppressed = PolicyModel.present(code.scopesToSuppress());
        SortedSet<String> expectedAdds = PolicyModel.present(code.scopesToAdd());
        expectedAdds.removeAll(model.managed());
        expectedAdds.removeAll(expectedSuppressed);
        assertThat(texts(access.path("scopesToSuppress"))).isEqualTo(expectedSuppressed);
        assertThat(texts(access.path("scopesToAdd"))).isEqualTo(expectedAdds);
        assertKeptWhatTheCodeMayWrite(code, response);
    }

    @Property(tries = 500)
    void applyingTwice_answersAsApplyingOnce(
            @ForAll("models") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") List<String> groups,
            @ForAll("requested") List<String> requested,
            @ForAll("code") HostileCode code)
            throws IOException {
        ScopedGroupAuthScopes scopes = ScopedGroupAuthScopes.of(model.policy());
        CognitoUserPoolPreTokenGenerationEventV2 event = SERIALIZER.fromJson(
                new ByteArrayInputStream(eventJson("TokenGeneration_RefreshTokens", clientId, groups, requested)));
        code.writeInto(event);
        String once = json(scopes.apply(event, null));

        String twice = json(scopes.apply(event, null));

        assertThat(twice).isEqualTo(once);
    }

    @Property(tries = 500)
    void withoutCode_answersExactlyAsTheEmbeddedHandler(
            @ForAll("models") PolicyModel model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") List<String> groups,
            @ForAll("requested") List<String> requested)
            throws IOException {
        byte[] event = eventJson("TokenGeneration_Authentication", clientId, groups, requested);
        String embedded = json(new PreTokenGenerationHandler(model.policy())
                .handleRequest(SERIALIZER.fromJson(new ByteArrayInputStream(event)), null));

        String composed = json(ScopedGroupAuthScopes.of(model.policy())
                .apply(SERIALIZER.fromJson(new ByteArrayInputStream(event)), null));

        assertThat(composed).isEqualTo(embedded);
    }

    /** The code's claims, claim suppressions and group override survive; protected claims do not. */
    private static void assertKeptWhatTheCodeMayWrite(HostileCode code, JsonNode response) {
        JsonNode details = response.path("claimsAndScopeOverrideDetails");
        assertThat(claims(details.path("accessTokenGeneration").path("claimsToAddOrOverride")))
                .isEqualTo(withoutProtected(code.accessClaims()));
        assertThat(claims(details.path("idTokenGeneration").path("claimsToAddOrOverride")))
                .isEqualTo(withoutProtected(code.idClaims()));
        assertThat(texts(details.path("accessTokenGeneration").path("claimsToSuppress")))
                .containsExactly("email");
        assertThat(details.path("groupOverrideDetails").path("groupsToOverride").isMissingNode())
                .isEqualTo(code.groupOverride() == null);
        if (code.groupOverride() != null) {
            assertThat(new ArrayList<>(
                            listOf(details.path("groupOverrideDetails").path("groupsToOverride"))))
                    .isEqualTo(code.groupOverride());
        }
    }

    /** What Cognito issues: the requested scopes and the added ones, less the suppressed ones (suppression wins). */
    private static SortedSet<String> cognitoToken(List<String> requested, Set<String> adds, Set<String> suppressed) {
        SortedSet<String> token = PolicyModel.present(requested);
        token.addAll(adds);
        token.removeAll(suppressed);
        return token;
    }

    private static Map<String, String> withoutProtected(Map<String, String> claims) {
        Map<String, String> kept = new HashMap<>(claims == null ? Map.of() : claims);
        kept.keySet().removeAll(Set.of("scope", "client_id", "aud", "token_use"));
        return kept;
    }

    private static JsonNode invokeAsRuntime(ScopedGroupAuthScopes scopes, byte[] event, HostileCode code)
            throws IOException {
        CognitoUserPoolPreTokenGenerationEventV2 in = SERIALIZER.fromJson(new ByteArrayInputStream(event));
        code.writeInto(in);
        return JSON.readTree(json(scopes.apply(in, new LoggerContext(new CapturingLogger()))))
                .path("response");
    }

    private static String json(CognitoUserPoolPreTokenGenerationEventV2 event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SERIALIZER.toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] eventJson(String triggerSource, String clientId, List<String> groups, List<String> requested)
            throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "3");
        event.put("triggerSource", triggerSource);
        event.putObject("callerContext").put("clientId", clientId);
        ObjectNode request = event.putObject("request");
        if (groups != null) {
            groups.forEach(request.putObject("groupConfiguration").putArray("groupsToOverride")::add);
        }
        if (requested != null) {
            requested.forEach(request.putArray("scopes")::add);
        }
        event.putObject("response");
        return JSON.writeValueAsBytes(event);
    }

    private static String[] array(List<String> values) {
        return values == null ? null : values.toArray(new String[0]);
    }

    private static SortedSet<String> texts(JsonNode array) {
        SortedSet<String> texts = new TreeSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> listOf(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.isNull() ? null : node.asText()));
        return values;
    }

    private static Map<String, String> claims(JsonNode object) {
        Map<String, String> claims = new HashMap<>();
        object.fields()
                .forEachRemaining(
                        field -> claims.put(field.getKey(), field.getValue().asText()));
        return claims;
    }
}
