package io.github.scopedgroupauth.runtime.reliability;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import io.github.scopedgroupauth.runtime.reliability.RuntimeRoundTrip.Outcome;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the handler through the Lambda runtime's serializer (Jazzer). In the normal build
 * each fuzz test runs once over its stored inputs ({@code HandlerFuzzTestInputs/<method>/} among the test
 * resources); with {@code -Pfuzz} Jazzer mutates inputs for as long as docs/reliability.md says. Every input
 * must end in one of {@link Outcome}'s outcomes with the token inside the policy; any other exception or a
 * broken rule is a finding.
 */
class HandlerFuzzTest {

    private static final RuntimeRoundTrip OPEN = new RuntimeRoundTrip(FuzzPolicy.OPEN);
    private static final RuntimeRoundTrip GRANTED = new RuntimeRoundTrip(FuzzPolicy.GRANTED);
    private static final Map<Outcome, Long> OUTCOMES = new EnumMap<>(Outcome.class);

    /** Events shaped like Cognito's and broken field by field, under a policy with or without client grants. */
    @FuzzTest
    void structuredEvents(FuzzedDataProvider data) {
        RuntimeRoundTrip roundTrip = data.consumeBoolean() ? GRANTED : OPEN;
        byte[] event = new EventGenerator(Choices.of(data)).event();
        count(roundTrip.invoke(event, data.consumeBoolean() ? new LoggerContext(new CountingLogger()) : null));
    }

    /**
     * Any bytes at all as the event, under the policy with client grants. The stored inputs are whole events
     * and the dictionary holds the event's names and values, so that mutations stay close to readable JSON.
     */
    @FuzzTest
    @DictionaryEntries({
        "\"version\":\"2\"",
        "\"version\":\"3\"",
        "\"triggerSource\":",
        "\"TokenGeneration_ClientCredentials\"",
        "\"callerContext\":{\"clientId\":",
        "\"web-client\"",
        "\"partner-client\"",
        "\"request\":{",
        "\"scopes\":[",
        "\"groupConfiguration\":{\"groupsToOverride\":[",
        "\"ADMINS\"",
        "\"EVERYONE\"",
        "\"ORDERS\"",
        "\"admin/*\"",
        "\"admin/read\"",
        "\"profile/read\"",
        "\"https://api.example.com/orders\"",
        "\"response\":{",
        "null"
    })
    void rawEvents(byte[] input) {
        count(GRANTED.invoke(input, new LoggerContext(new CountingLogger())));
    }

    /** How the inputs ended, for the record in docs/reliability.md. */
    @AfterAll
    static void reportOutcomes() {
        System.out.println("HandlerFuzzTest outcomes: " + OUTCOMES);
    }

    private static void count(Outcome outcome) {
        OUTCOMES.merge(outcome, 1L, Long::sum);
    }
}
