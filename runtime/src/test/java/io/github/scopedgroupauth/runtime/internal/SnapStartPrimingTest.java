package io.github.scopedgroupauth.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import io.github.scopedgroupauth.runtime.ScopeDecision;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnapStartPrimingTest {

    private static final ScopePolicy ADMINS_AND_EVERYONE = ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .build();

    @Test
    void syntheticEventIsAUserTokenEvent_forTheFirstGroupRequestingEveryOtherManagedScope() {
        CognitoUserPoolPreTokenGenerationEventV2 event = SnapStartPriming.syntheticEvent(ADMINS_AND_EVERYONE);

        assertThat(event.getTriggerSource()).isEqualTo("TokenGeneration_HostedAuth");
        assertThat(event.getCallerContext().getClientId()).isEqualTo("priming");
        assertThat(event.getRequest().getGroupConfiguration().getGroupsToOverride())
                .containsExactly("ADMINS");
        assertThat(event.getRequest().getScopes()).containsExactly("everyone/*", "openid");
        assertThat(event.getUserName()).isNull();
        assertThat(event.getRequest().getUserAttributes()).isNull();
    }

    @Test
    void syntheticEventTakesBothPathsOfTheDecision() {
        CognitoUserPoolPreTokenGenerationEventV2 event = SnapStartPriming.syntheticEvent(ADMINS_AND_EVERYONE);

        ScopeDecision decision = decide(ADMINS_AND_EVERYONE, event);

        assertThat(decision.scopesToAdd()).containsExactly("admin/*");
        assertThat(decision.scopesToSuppress()).containsExactly("everyone/*");
    }

    @Test
    void syntheticEventIsTheSameWhateverTheMapOrder_andSuppressesTheOtherGroupsScopes() {
        ScopePolicy policy = ScopePolicy.builder()
                .groupScopes(Map.of(
                        "G3",
                        List.of("api/3"),
                        "G1",
                        List.of("api/1"),
                        "G2",
                        List.of("api/2"),
                        "G5",
                        List.of("api/5"),
                        "G4",
                        List.of("api/4")))
                .build();

        CognitoUserPoolPreTokenGenerationEventV2 event = SnapStartPriming.syntheticEvent(policy);
        ScopeDecision decision = decide(policy, event);

        assertThat(event.getRequest().getGroupConfiguration().getGroupsToOverride())
                .containsExactly("G1");
        assertThat(decision.scopesToAdd()).containsExactly("api/1");
        assertThat(decision.scopesToSuppress()).containsExactly("api/2", "api/3", "api/4", "api/5");
    }

    @Test
    void syntheticEventUsesTheFirstGrantedClient_whenThePolicyHasGrants() {
        ScopePolicy policy = ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*"))
                .clientGrant("zclient", List.of("admin/*"))
                .clientGrant("aclient", List.of("admin/*"))
                .build();

        CognitoUserPoolPreTokenGenerationEventV2 event = SnapStartPriming.syntheticEvent(policy);

        assertThat(event.getCallerContext().getClientId()).isEqualTo("aclient");
        assertThat(decide(policy, event).tokenScopes()).containsExactly("admin/*", "openid");
    }

    @Test
    void syntheticEventHasNoGroups_whenThePolicyHasOnlyDefaults() {
        ScopePolicy policy =
                ScopePolicy.builder().defaultScopes(List.of("everyone/*")).build();

        CognitoUserPoolPreTokenGenerationEventV2 event = SnapStartPriming.syntheticEvent(policy);

        assertThat(event.getRequest().getGroupConfiguration().getGroupsToOverride())
                .isEmpty();
        assertThat(decide(policy, event).scopesToAdd()).containsExactly("everyone/*");
    }

    @Test
    void beforeCheckpointRunsEveryRound_throughTheRuntimesSerializer_whenItIsOnTheClasspath() {
        // given: aws-lambda-java-serialization is on the test classpath, as on the managed runtime's
        CountingHandler handler = new CountingHandler(new PreTokenGenerationHandler(ADMINS_AND_EVERYONE));
        SnapStartPriming priming =
                SnapStartPriming.of(handler, ADMINS_AND_EVERYONE, SnapStartPrimingTest.class.getClassLoader());

        // when the snapshot is about to be taken
        priming.beforeCheckpoint(Core.getGlobalContext());

        // then: every round handled an event the serializer read from JSON, a new object each time
        assertThat(handler.events).hasSize(200);
        Set<Object> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(handler.events);
        assertThat(distinct).hasSize(200);
        assertThat(handler.events.get(0).getRequest().getScopes()).containsExactly("everyone/*", "openid");
        assertThat(handler.answered).hasValue(200);
        assertThatCode(() -> priming.afterRestore(Core.getGlobalContext())).doesNotThrowAnyException();
    }

    @Test
    void primesTheHandlerAlone_whenTheRuntimesSerializerIsMissing() {
        // given a class loader that sees only the JDK, as a function outside Lambda would
        CountingHandler handler = new CountingHandler(new PreTokenGenerationHandler(ADMINS_AND_EVERYONE));
        ClassLoader jdkOnly = new ClassLoader(null) {};

        // when
        boolean throughSerializer =
                SnapStartPriming.of(handler, ADMINS_AND_EVERYONE, jdkOnly).prime();

        // then
        assertThat(throughSerializer).isFalse();
        assertThat(handler.answered).hasValue(200);
    }

    @Test
    void primesThroughTheSerializer_whenItIsThere() {
        CountingHandler handler = new CountingHandler(new PreTokenGenerationHandler(ADMINS_AND_EVERYONE));

        boolean throughSerializer = SnapStartPriming.of(
                        handler, ADMINS_AND_EVERYONE, SnapStartPrimingTest.class.getClassLoader())
                .prime();

        assertThat(throughSerializer).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"on-demand", "provisioned-concurrency", "SNAP-START", ""})
    void registersNothing_unlessInitializedForASnapshot(String initializationType) {
        SnapStartPriming priming = SnapStartPriming.of(
                new PreTokenGenerationHandler(ADMINS_AND_EVERYONE),
                ADMINS_AND_EVERYONE,
                SnapStartPrimingTest.class.getClassLoader());

        assertThat(priming.registerIfSnapStart(initializationType)).isFalse();
    }

    @Test
    void registers_whenInitializedForASnapshot() {
        SnapStartPriming priming = SnapStartPriming.of(
                new PreTokenGenerationHandler(ADMINS_AND_EVERYONE),
                ADMINS_AND_EVERYONE,
                SnapStartPrimingTest.class.getClassLoader());

        assertThat(priming.registerIfSnapStart("snap-start")).isTrue();
    }

    @Test
    void handlerPreparesPrimingThatRunsWithoutError_onItsOwnPolicy() throws ReflectiveOperationException {
        // given the priming the handler prepared (the CRaC context keeps only a weak reference, so the handler
        // holds it; reading it is the only way to reach it outside a CRaC JVM)
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(ScopePolicy.builder()
                .groupScopes(Map.of(
                        "G1", List.of("api/1"), "G2", List.of("api/2"), "G3", List.of("api/3"), "G4", List.of("api/4")))
                .defaultScopes(List.of("everyone/read"))
                .clientGrant("4example7client9id", List.of("api/1", "everyone/read"))
                .build());
        Field field = PreTokenGenerationHandler.class.getDeclaredField("priming");
        field.setAccessible(true);
        SnapStartPriming priming = (SnapStartPriming) field.get(handler);

        // when, then
        assertThat(priming).isNotNull();
        assertThat(priming.prime()).isTrue();
    }

    @Test
    void primingLeavesNoTrace_inThePolicyTheLaterDecisionsOrAnyLog() {
        // given a handler whose every context is recorded, and the decisions before priming
        ScopePolicy policy = ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*", "api/write"))
                .group("EVERYONE", List.of("everyone/*"))
                .defaultScopes(List.of("api/read"))
                .clientGrant("c0", List.of("admin/*", "api/read", "everyone/*"))
                .build();
        Map<String, Set<String>> groupsBefore = Map.copyOf(policy.groupScopes());
        ScopeDecision before = policy.decide("c0", List.of("ADMINS", "ADMINS"), List.of("api/write", "openid"));
        List<Context> contexts = new ArrayList<>();
        PreTokenGenerationHandler real = new PreTokenGenerationHandler(policy);
        RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> recording =
                (event, context) -> {
                    contexts.add(context);
                    return real.handleRequest(event, context);
                };

        // when primed twice, as two registrations would
        SnapStartPriming priming = SnapStartPriming.of(recording, policy, SnapStartPrimingTest.class.getClassLoader());
        priming.prime();
        priming.prime();

        // then: only the silent context was used, and the policy decides as before
        assertThat(contexts).hasSize(400).allMatch(context -> context == LoggerContext.silent());
        assertThat(policy.groupScopes()).isEqualTo(groupsBefore);
        assertThat(policy.decide("c0", List.of("ADMINS", "ADMINS"), List.of("api/write", "openid")))
                .isEqualTo(before);
        assertThat(before.scopesToAdd()).containsExactly("admin/*", "api/read");
        assertThat(before.scopesToSuppress()).containsExactly("api/write");
    }

    /** Records the events it is given and counts the answers with a response, delegating to a real handler. */
    private static final class CountingHandler
            implements RequestHandler<
                    CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

        private final PreTokenGenerationHandler delegate;
        private final List<CognitoUserPoolPreTokenGenerationEventV2> events = new ArrayList<>();
        private final AtomicInteger answered = new AtomicInteger();

        CountingHandler(PreTokenGenerationHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
                CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
            events.add(event);
            CognitoUserPoolPreTokenGenerationEventV2 result = delegate.handleRequest(event, context);
            if (result.getResponse() != null && result.getResponse().getClaimsAndScopeOverrideDetails() != null) {
                answered.incrementAndGet();
            }
            return result;
        }
    }

    private static ScopeDecision decide(ScopePolicy policy, CognitoUserPoolPreTokenGenerationEventV2 event) {
        return policy.decide(
                event.getCallerContext().getClientId(),
                Arrays.asList(event.getRequest().getGroupConfiguration().getGroupsToOverride()),
                Arrays.asList(event.getRequest().getScopes()));
    }
}
