package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import io.github.scopedgroupauth.runtime.internal.LoggerContext;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Values from the event reach the log lines only without anything that could end a line or start a forged one,
 * whatever the event's trigger source, client id, group names and requested scopes hold. Tests run without
 * {@code AWS_LAMBDA_LOG_LEVEL}, so the DEBUG line is written as in Lambda's text log format.
 */
class HandlerLogInjectionTest {

    private static final PreTokenGenerationHandler HANDLER = new PreTokenGenerationHandler(ScopePolicy.builder()
            .group("ADMINS", List.of("admin/*"))
            .group("EVERYONE", List.of("everyone/*"))
            .build());

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> breaking = Arbitraries.of(
                '\n',
                '\r',
                '\u000b',
                '\u000c',
                '\u0085',
                '\u2028',
                '\u2029',
                '\u001b',
                '\u0000',
                '\u007f',
                '\u009b',
                // Format characters: bidi overrides reorder what a log viewer shows, zero-width ones hide.
                '\u202e',
                '\u2066',
                '\u200b',
                '\ufeff');
        Arbitrary<Character> plain = Arbitraries.of('a', 'Z', ' ', '=', '[', ']', ',', '/', '*', '\u00c4');
        return Arbitraries.frequencyOf(Tuple.of(1, breaking), Tuple.of(3, plain))
                .list()
                .ofMaxSize(300)
                .map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(text::append);
                    return text.toString();
                });
    }

    @Property(tries = 300)
    void logLinesHoldNoLineBreakControlOrFormatCharacter(
            @ForAll("hostile") String triggerSource,
            @ForAll("hostile") String clientId,
            @ForAll("hostile") String group,
            @ForAll("hostile") String scope) {
        Request request = new Request();
        request.setGroupConfiguration(new GroupConfiguration(new String[] {group, "EVERYONE"}, null, null));
        // admin/* is always suppressed, so the WARN line is written too.
        request.setScopes(new String[] {scope, "admin/*"});
        CognitoUserPoolPreTokenGenerationEventV2 event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withTriggerSource(triggerSource)
                .withCallerContext(new CallerContext(null, clientId))
                .withRequest(request)
                .build();
        CapturingLogger logger = new CapturingLogger();

        HANDLER.handleRequest(event, new LoggerContext(logger));

        assertThat(logger.lines()).hasSize(2);
        for (CapturingLogger.Line line : logger.lines()) {
            assertThat(line.message().chars()).noneMatch(HandlerLogInjectionTest::breaksOrControls);
        }
    }

    private static boolean breaksOrControls(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }
}
