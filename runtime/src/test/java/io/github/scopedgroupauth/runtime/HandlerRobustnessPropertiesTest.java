package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * On randomly broken events (nulls in every field and array, random strings, null or logger-less context) the
 * handler throws only for a version other than {@code 2} or {@code 3}, which Cognito would not read an answer
 * to, and otherwise answers exactly as the model ({@link PolicyModel}) decides.
 */
class HandlerRobustnessPropertiesTest {

    private static final List<String> TRIGGER_SOURCES = List.of(
            "TokenGeneration_HostedAuth",
            "TokenGeneration_Authentication",
            "TokenGeneration_NewPasswordChallenge",
            "TokenGeneration_AuthenticateDevice",
            "TokenGeneration_RefreshTokens",
            PreTokenGenerationHandler.CLIENT_CREDENTIALS,
            "TokenGeneration_SomethingNew",
            "");

    private static final String OUTCOME = "outcome";
    private static final String REFUSED = "refused";
    private static final String MACHINE = "machine token";
    private static final String UNCHANGED = "unchanged";
    private static final String ADDS = "adds";
    private static final String SUPPRESSES = "suppresses";
    private static final String ADDS_AND_SUPPRESSES = "adds and suppresses";
    private static final List<String> OUTCOMES =
            List.of(REFUSED, MACHINE, UNCHANGED, ADDS, SUPPRESSES, ADDS_AND_SUPPRESSES);

    /** How the Lambda context is broken. */
    enum ContextKind {
        NONE,
        NO_LOGGER,
        CAPTURING
    }

    @Provide
    Arbitrary<PolicyModel> policies() {
        return PolicyModel.models();
    }

    @Provide
    Arbitrary<CognitoUserPoolPreTokenGenerationEventV2> brokenEvents() {
        Arbitrary<String> junk = Arbitraries.strings().all().ofMaxLength(12);
        Arbitrary<String> text = mostly(Arbitraries.of("2", "3"), junk).injectNull(0.3);
        Arbitrary<String> triggerSource =
                mostly(Arbitraries.of(TRIGGER_SOURCES), junk).injectNull(0.2);
        Arbitrary<CallerContext> callerContext = Combinators.combine(
                        text, mostly(PolicyModel.clientIds(), junk).injectNull(0.2))
                .as(CallerContext::new)
                .injectNull(0.2);
        Arbitrary<String> versions = mostly(Arbitraries.of("2", "3"), junk).injectNull(0.05);
        return Combinators.combine(
                        versions, triggerSource, text, text, text, callerContext, requests(junk), responses())
                .as((version, trigger, region, pool, user, caller, request, response) ->
                        new CognitoUserPoolPreTokenGenerationEventV2(
                                version, trigger, region, pool, user, caller, request, response));
    }

    private static Arbitrary<Request> requests(Arbitrary<String> junk) {
        Arbitrary<String[]> junkArray =
                junk.injectNull(0.3).array(String[].class).ofMaxSize(4);
        Arbitrary<String[]> groups = mostly(
                        PolicyModel.userGroups().map(HandlerRobustnessPropertiesTest::array), junkArray)
                .injectNull(0.1);
        Arbitrary<String[]> scopes = mostly(
                        PolicyModel.requestedScopes().map(HandlerRobustnessPropertiesTest::array), junkArray)
                .injectNull(0.1);
        Arbitrary<GroupConfiguration> groupConfiguration = Combinators.combine(
                        groups,
                        junk.injectNull(0.3).array(String[].class).ofMaxSize(2).injectNull(0.3),
                        junk.injectNull(0.5))
                .as(GroupConfiguration::new)
                .injectNull(0.15);
        Arbitrary<Map<String, String>> strings =
                Arbitraries.maps(junk, junk.injectNull(0.2)).ofMaxSize(3).injectNull(0.3);
        return Combinators.combine(strings, scopes, groupConfiguration, strings)
                .as(Request::new)
                .injectNull(0.1);
    }

    private static Arbitrary<Response> responses() {
        return Arbitraries.of(0, 1, 2).map(kind -> {
            if (kind == 0) {
                return null;
            }
            if (kind == 1) {
                return new Response();
            }
            // A response that already carries ID token claims and a group override: none may survive.
            return new Response(new ClaimsAndScopeOverrideDetails(
                    new IdTokenGeneration(Map.of("claim", "value"), new String[] {"email"}),
                    new AccessTokenGeneration(Map.of("claim", "value"), new String[] {"x"}, new String[] {"x/y"}, null),
                    new GroupOverrideDetails(new String[0], null, null)));
        });
    }

    /** Four meaningful values for each junk one. */
    private static <T> Arbitrary<T> mostly(Arbitrary<T> meaningful, Arbitrary<T> junk) {
        return Arbitraries.frequencyOf(List.of(Tuple.of(4, meaningful), Tuple.of(1, junk)));
    }

    private static String[] array(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void throwsOnlyForUnsupportedVersions_andOtherwiseFailsClosed_onBrokenEvents(
            @ForAll("policies") PolicyModel model,
            @ForAll("brokenEvents") CognitoUserPoolPreTokenGenerationEventV2 event,
            @ForAll ContextKind kind) {
        // given
        PreTokenGenerationHandler handler = new PreTokenGenerationHandler(model.policy());
        CapturingLogger logger = new CapturingLogger();
        Context context =
                kind == ContextKind.NONE ? null : new LoggerContext(kind == ContextKind.CAPTURING ? logger : null);
        Response responseBefore = event.getResponse();
        Request request = event.getRequest();
        String[] scopesBefore = request == null || request.getScopes() == null
                ? null
                : request.getScopes().clone();
        List<String> groups = request == null
                        || request.getGroupConfiguration() == null
                        || request.getGroupConfiguration().getGroupsToOverride() == null
                ? List.of()
                : Arrays.asList(
                        request.getGroupConfiguration().getGroupsToOverride().clone());
        String clientId = event.getCallerContext() == null
                ? null
                : event.getCallerContext().getClientId();

        // when an event of a version Cognito would not read an answer to arrives
        if (!Set.of("2", "3").contains(String.valueOf(event.getVersion()))) {
            // then the invocation fails with one ERROR line, and the event is left as it came
            assertThatThrownBy(() -> handler.handleRequest(event, context))
                    .isInstanceOf(UnsupportedEventVersionException.class);
            assertThat(event.getResponse()).isSameAs(responseBefore);
            if (kind == ContextKind.CAPTURING) {
                assertThat(logger.lines()).singleElement().satisfies(line -> {
                    assertThat(line.level()).isEqualTo(LogLevel.ERROR);
                    assertThat(line.message()).doesNotContain("\n", "\r");
                });
            }
            Statistics.label(OUTCOME).collect(REFUSED);
            return;
        }
        // when any other event arrives
        CognitoUserPoolPreTokenGenerationEventV2 result = handler.handleRequest(event, context);

        // then
        assertThat(result).isSameAs(event);
        assertThat(request == null ? null : request.getScopes()).isEqualTo(scopesBefore);
        if (PreTokenGenerationHandler.CLIENT_CREDENTIALS.equals(event.getTriggerSource())) {
            assertThat(result.getResponse()).isNotNull().isNotSameAs(responseBefore);
            assertThat(result.getResponse().getClaimsAndScopeOverrideDetails()).isNull();
            assertThat(logger.lines()).isEmpty();
            Statistics.label(OUTCOME).collect(MACHINE);
            return;
        }
        List<String> requested = scopesBefore == null ? List.of() : Arrays.asList(scopesBefore);
        assertAsTheModel(model, result.getResponse(), clientId, groups, requested);
        if (kind == ContextKind.CAPTURING) {
            assertThat(logger.lines()).isNotEmpty();
            assertThat(logger.lines().get(0).level()).isEqualTo(LogLevel.DEBUG);
            assertThat(logger.lines())
                    .allSatisfy(line -> assertThat(line.message()).doesNotContain("\n", "\r"));
        }
        Statistics.label(OUTCOME).collect(outcomeOf(result.getResponse()));
        // The generators must reach every outcome, or the property proves little.
        Statistics.label(OUTCOME).coverage(coverage -> {
            for (String outcome : OUTCOMES) {
                coverage.check(outcome).percentage(percent -> percent >= 0.5);
            }
        });
    }

    private static String outcomeOf(Response response) {
        ClaimsAndScopeOverrideDetails details = response.getClaimsAndScopeOverrideDetails();
        if (details == null) {
            return UNCHANGED;
        }
        boolean adds = details.getAccessTokenGeneration().getScopesToAdd() != null;
        boolean suppresses = details.getAccessTokenGeneration().getScopesToSuppress() != null;
        return adds && suppresses ? ADDS_AND_SUPPRESSES : adds ? ADDS : SUPPRESSES;
    }

    /** The response changes only access token scopes, exactly as the model decides. */
    private static void assertAsTheModel(
            PolicyModel model, Response response, String clientId, List<String> groups, List<String> requested) {
        assertThat(response).isNotNull();
        List<String> added = List.of();
        List<String> suppressed = List.of();
        ClaimsAndScopeOverrideDetails details = response.getClaimsAndScopeOverrideDetails();
        if (details != null) {
            assertThat(details.getGroupOverrideDetails()).isNull();
            assertThat(details.getIdTokenGeneration()).isNull();
            AccessTokenGeneration accessToken = details.getAccessTokenGeneration();
            assertThat(accessToken).isNotNull();
            assertThat(accessToken.getClaimsToAddOrOverride()).isNull();
            assertThat(accessToken.getClaimsToSuppress()).isNull();
            assertThat(accessToken.getScopesToAdd() != null || accessToken.getScopesToSuppress() != null)
                    .isTrue();
            added = nonEmptySortedDistinct(accessToken.getScopesToAdd());
            suppressed = nonEmptySortedDistinct(accessToken.getScopesToSuppress());
        }
        assertThat(added).containsExactlyElementsOf(model.toAdd(clientId, groups, requested));
        assertThat(suppressed).containsExactlyElementsOf(model.toSuppress(clientId, groups, requested));
    }

    private static List<String> nonEmptySortedDistinct(String[] scopes) {
        if (scopes == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>(Arrays.asList(scopes));
        assertThat(list).isNotEmpty().doesNotContainNull().isSorted().doesNotHaveDuplicates();
        return list;
    }
}
