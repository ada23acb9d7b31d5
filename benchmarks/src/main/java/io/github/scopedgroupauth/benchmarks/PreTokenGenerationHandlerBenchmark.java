package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent.CallerContext;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one {@link PreTokenGenerationHandler#handleRequest} call on a deserialized event, as the policy
 * grows: the user and request of {@link GeneratedPolicy} on a hosted UI sign-in, with client grants, against
 * policies of 10, 1,000 and 10,000 groups. JSON (de)serialization by the Lambda runtime is not included.
 *
 * <p>Two variants: with a null context, so nothing is logged, and with a context whose logger discards each
 * line it is given, so the difference is the cost of formatting the log lines: the WARN suppression line, as
 * this user's request has a suppressed scope, and the DEBUG decision line unless {@code AWS_LAMBDA_LOG_LEVEL}
 * in the environment of the run is INFO or above.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class PreTokenGenerationHandlerBenchmark {

    /** The number of groups in the policy; set by JMH. */
    @Param({"10", "1000", "10000"})
    int groups;

    private PreTokenGenerationHandler handler;
    private CognitoUserPoolPreTokenGenerationEventV2 event;
    private Context discardingContext;

    /**
     * Builds the handler and the event once per trial, outside the measurement.
     *
     * @param blackhole where the discarding logger sends its lines
     */
    @Setup
    public void setUp(Blackhole blackhole) {
        handler = new PreTokenGenerationHandler(GeneratedPolicy.policy(groups, true));
        Request request = new Request();
        request.setGroupConfiguration(
                new GroupConfiguration(GeneratedPolicy.userGroups(groups).toArray(String[]::new), null, null));
        request.setScopes(GeneratedPolicy.requestedScopes(groups).toArray(String[]::new));
        event = CognitoUserPoolPreTokenGenerationEventV2.builder()
                .withVersion("2")
                .withTriggerSource("TokenGeneration_HostedAuth")
                .withCallerContext(new CallerContext(null, new String(GeneratedPolicy.CLIENT_ID.toCharArray())))
                .withRequest(request)
                .build();
        discardingContext = RuntimeLoggerContext.with(discardingLogger(blackhole));
        handleWithoutLogging();
        if (event.getResponse()
                        .getClaimsAndScopeOverrideDetails()
                        .getAccessTokenGeneration()
                        .getScopesToSuppress()
                        .length
                != 1) {
            throw new IllegalStateException("expected one suppressed scope in " + event.getResponse());
        }
    }

    /**
     * One event with a null context: the decision and the response, no logging. The previous response is
     * cleared first, so every call builds its own.
     *
     * @return the new response
     */
    @Benchmark
    public Response handleWithoutLogging() {
        event.setResponse(null);
        return handler.handleRequest(event, null).getResponse();
    }

    /**
     * One event with a context whose logger discards each line: the decision, the response and the formatting
     * of the log lines.
     *
     * @return the new response
     */
    @Benchmark
    public Response handleWithDiscardingLogger() {
        event.setResponse(null);
        return handler.handleRequest(event, discardingContext).getResponse();
    }

    /**
     * A logger that hands every line to the Blackhole and writes nothing, so the formatting is measured without
     * the cost of output, and the JIT cannot drop it as unused. Lines of every level arrive here: the default
     * {@code log(String, LogLevel)} of {@link LambdaLogger} delegates to {@code log(String)}.
     */
    private static LambdaLogger discardingLogger(Blackhole sink) {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                sink.consume(message);
            }

            @Override
            public void log(byte[] message) {
                sink.consume(message);
            }
        };
    }
}
