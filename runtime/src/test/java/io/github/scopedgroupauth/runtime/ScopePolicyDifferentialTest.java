package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The array-merging decision against a plain-set model of the specification, on values chosen to collide:
 * scopes and group names that differ only in case, groups with identical scope sets, repeated groups, empty
 * strings and nulls. Also checks that nobody can poison a later decision by writing into the arrays the handler
 * returns or into the event it read.
 */
class ScopePolicyDifferentialTest {

    private static final List<String> SCOPES =
            List.of("api/read", "API/read", "api/Read", "api/read2", "a/b", "admin/*", "https://x.example/o.r", "/a/b");
    private static final List<String> NAMES = List.of("ADMINS", "admins", "Admins", "G", "\u00c4");
    private static final List<String> CLIENTS = List.of("c0", "C0", "c1");
    private static final List<String> UNMANAGED = List.of("", "openid", "API/READ", "other/x", " api/read");

    /** A policy as plain collections, and the model's answers. */
    record Model(Map<String, Set<String>> groups, Set<String> defaults, Map<String, Set<String>> grants) {

        /**
         * A model whose grants keep only managed scopes, as the policy requires.
         *
         * @param grants the grants before that; may be null for none
         */
        static Model withGrantsOfManagedScopes(
                Map<String, Set<String>> groups, Set<String> defaults, Map<String, Set<String>> grants) {
            Set<String> managed = new Model(groups, defaults, Map.of()).managed();
            Map<String, Set<String>> managedGrants = new HashMap<>();
            if (grants != null) {
                grants.forEach((client, scopes) -> {
                    Set<String> kept = new HashSet<>(scopes);
                    kept.retainAll(managed);
                    managedGrants.put(client, kept);
                });
            }
            return new Model(groups, defaults, managedGrants);
        }

        ScopePolicy policy() {
            ScopePolicy.Builder builder =
                    ScopePolicy.builder().groupScopes(groups).defaultScopes(defaults);
            grants.forEach(builder::clientGrant);
            return builder.build();
        }

        Set<String> managed() {
            Set<String> managed = new HashSet<>(defaults);
            groups.values().forEach(managed::addAll);
            return managed;
        }

        Set<String> entitled(String clientId, String[] userGroups) {
            Set<String> entitled = new HashSet<>(defaults);
            if (userGroups != null) {
                for (String group : userGroups) {
                    entitled.addAll(groups.getOrDefault(group, Set.of()));
                }
            }
            if (!grants.isEmpty()) {
                entitled.retainAll(grants.getOrDefault(clientId, Set.of()));
            }
            return entitled;
        }

        TreeSet<String> toAdd(String clientId, String[] userGroups, String[] requested) {
            TreeSet<String> add = new TreeSet<>(entitled(clientId, userGroups));
            add.removeAll(requestedSet(requested));
            return add;
        }

        TreeSet<String> toSuppress(String clientId, String[] userGroups, String[] requested) {
            TreeSet<String> suppress = new TreeSet<>(requestedSet(requested));
            suppress.retainAll(managed());
            suppress.removeAll(entitled(clientId, userGroups));
            return suppress;
        }

        private static Set<String> requestedSet(String[] requested) {
            Set<String> set = new HashSet<>();
            if (requested != null) {
                for (String scope : requested) {
                    if (scope != null) {
                        set.add(scope);
                    }
                }
            }
            return set;
        }
    }

    @Provide
    Arbitrary<Model> models() {
        // Few scopes per group from a small pool, so that groups often share or repeat the same scope set.
        return models(SCOPES, NAMES, CLIENTS, 3, 5);
    }

    /**
     * Policies over the given scopes, group names and clients that manage at least one scope: up to two clients
     * granted some of them, or no grants.
     */
    static Arbitrary<Model> models(
            List<String> scopes, List<String> names, List<String> clients, int scopesPerGroup, int groupCount) {
        Arbitrary<Set<String>> scopeSet =
                Arbitraries.of(scopes).set().ofMinSize(1).ofMaxSize(scopesPerGroup);
        Arbitrary<Map<String, Set<String>>> groups =
                Arbitraries.maps(Arbitraries.of(names), scopeSet).ofMaxSize(groupCount);
        Arbitrary<Set<String>> defaults = Arbitraries.of(scopes).set().ofMaxSize(2);
        Arbitrary<Map<String, Set<String>>> grants = Arbitraries.maps(
                        Arbitraries.of(clients), Arbitraries.of(scopes).set().ofMaxSize(scopesPerGroup + 1))
                .ofMaxSize(2)
                .injectNull(0.5);
        return Combinators.combine(groups, defaults, grants)
                .as(Model::withGrantsOfManagedScopes)
                .filter(model -> !model.managed().isEmpty());
    }

    @Provide
    Arbitrary<String> clientIds() {
        return Arbitraries.of("c0", "C0", "c1", "", "unknown").injectNull(0.1);
    }

    @Provide
    Arbitrary<String[]> userGroups() {
        Arbitrary<String> name =
                Arbitraries.of("ADMINS", "admins", "Admins", "G", "\u00c4", "A\u0308", "", "UNKNOWN", "g");
        return name.injectNull(0.1).array(String[].class).ofMaxSize(6).injectNull(0.05);
    }

    @Provide
    Arbitrary<String[]> requested() {
        Arbitrary<String> scope = Arbitraries.oneOf(Arbitraries.of(SCOPES), Arbitraries.of(UNMANAGED));
        // Up to 40, so that both ways of searching the requested scopes run: one by one up to 16, sorted above.
        return scope.injectNull(0.1).array(String[].class).ofMaxSize(40).injectNull(0.05);
    }

    @Property(tries = 2000)
    void changeAgreesWithThePlainSetModel_andLeavesItsArgumentsAlone(
            @ForAll("models") Model model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") String[] groups,
            @ForAll("requested") String[] requested) {
        ScopePolicy policy = model.policy();
        String[] groupsBefore = groups == null ? null : groups.clone();
        String[] requestedBefore = requested == null ? null : requested.clone();

        ScopePolicy.Change change = policy.change(clientId, groups, requested);

        assertThat(change.toAdd()).containsExactlyElementsOf(model.toAdd(clientId, groups, requested));
        assertThat(change.toSuppress()).containsExactlyElementsOf(model.toSuppress(clientId, groups, requested));
        assertThat(groups).isEqualTo(groupsBefore);
        assertThat(requested).isEqualTo(requestedBefore);
        ScopeDecision decision = policy.decide(
                clientId,
                groups == null ? null : Arrays.asList(groups),
                requested == null ? null : Arrays.asList(requested));
        assertThat(decision.scopesToAdd()).containsExactly(change.toAdd());
        assertThat(decision.scopesToSuppress()).containsExactly(change.toSuppress());
    }

    @Property(tries = 1000)
    void writingIntoTheResponseOrTheEvent_changesNoLaterDecision(
            @ForAll("models") Model model,
            @ForAll("clientIds") String clientId,
            @ForAll("userGroups") String[] groups,
            @ForAll("requested") String[] requested) {
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(model.policy());
        CognitoUserPoolPreTokenGenerationEventV2 first = event(clientId, copy(groups), copy(requested));

        Response answer = handler.handleRequest(first, new LoggerContext(new CapturingLogger()))
                .getResponse();
        poison(answer);
        poison(first.getRequest().getGroupConfiguration().getGroupsToOverride());
        poison(first.getRequest().getScopes());
        Response again = handler.handleRequest(
                        event(clientId, copy(groups), copy(requested)), new LoggerContext(new CapturingLogger()))
                .getResponse();

        assertThat(scopesToAdd(again)).containsExactlyElementsOf(model.toAdd(clientId, groups, requested));
        assertThat(scopesToSuppress(again)).containsExactlyElementsOf(model.toSuppress(clientId, groups, requested));
    }

    @Test
    void theWholeOfOneGroupsScopesAdded_isACopyThatCallersMayOverwrite() {
        // A repeated group and a grant of everything make the entitled scopes the policy's own array, unmerged.
        ScopePolicy policy = ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*", "api/read"))
                .clientGrant("c0", List.of("admin/*", "api/read"))
                .build();
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(policy);

        Response first = handler.handleRequest(event("c0", new String[] {"ADMINS", "ADMINS"}, null), null)
                .getResponse();
        String[] added = first.getClaimsAndScopeOverrideDetails()
                .getAccessTokenGeneration()
                .getScopesToAdd();
        added[0] = "api/write";
        added[1] = null;
        Response second = handler.handleRequest(event("c0", new String[] {"ADMINS"}, new String[] {"admin/*"}), null)
                .getResponse();

        assertThat(scopesToAdd(second)).containsExactly("api/read");
        assertThat(policy.decide("c0", List.of("ADMINS"), List.of()).scopesToAdd())
                .containsExactly("admin/*", "api/read");
        assertThat(policy.groupScopes().get("ADMINS")).containsExactlyInAnyOrder("admin/*", "api/read");
    }

    private static CognitoUserPoolPreTokenGenerationEventV2 event(String clientId, String[] groups, String[] scopes) {
        Request request = new Request();
        request.setGroupConfiguration(new GroupConfiguration(groups == null ? new String[0] : groups, null, null));
        request.setScopes(scopes == null ? new String[0] : scopes);
        return CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withTriggerSource("TokenGeneration_HostedAuth")
                .withCallerContext(new CallerContext(null, clientId))
                .withRequest(request)
                .build();
    }

    private static String[] copy(String[] values) {
        return values == null ? null : values.clone();
    }

    private static void poison(Response response) {
        if (response.getClaimsAndScopeOverrideDetails() == null) {
            return;
        }
        AccessTokenGeneration access =
                response.getClaimsAndScopeOverrideDetails().getAccessTokenGeneration();
        poison(access.getScopesToAdd());
        poison(access.getScopesToSuppress());
    }

    /** Overwrites an array with managed scopes and nulls, as a careless caller or serializer might. */
    private static void poison(String[] values) {
        for (int i = 0; values != null && i < values.length; i++) {
            values[i] = i % 2 == 0 ? SCOPES.get(i % SCOPES.size()) : null;
        }
    }

    private static List<String> scopesToAdd(Response response) {
        return response.getClaimsAndScopeOverrideDetails() == null
                        || response.getClaimsAndScopeOverrideDetails()
                                        .getAccessTokenGeneration()
                                        .getScopesToAdd()
                                == null
                ? List.of()
                : List.of(response.getClaimsAndScopeOverrideDetails()
                        .getAccessTokenGeneration()
                        .getScopesToAdd());
    }

    private static List<String> scopesToSuppress(Response response) {
        return response.getClaimsAndScopeOverrideDetails() == null
                        || response.getClaimsAndScopeOverrideDetails()
                                        .getAccessTokenGeneration()
                                        .getScopesToSuppress()
                                == null
                ? List.of()
                : List.of(response.getClaimsAndScopeOverrideDetails()
                        .getAccessTokenGeneration()
                        .getScopesToSuppress());
    }
}
