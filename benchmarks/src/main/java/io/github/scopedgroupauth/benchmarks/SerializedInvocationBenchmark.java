package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One whole warm invocation as the Lambda Java runtime runs it: the event's JSON bytes deserialized by the
 * runtime's serializer for the handler's event class ({@code JacksonFactory.getInstance().getSerializer}, as the
 * runtime takes it for Cognito events), the handler, and the response serialized back to bytes. The event is
 * {@code sign-in-event.json}, a hosted UI sign-in of a user in EVERYONE, answered by the handler on the recipe's
 * policy (ADMINS and EVERYONE) and, as baselines, by {@link TrivialHandler} and {@link FixedResponseHandler}.
 *
 * <p>The logger is the runtime interface client's own JSON logger (see {@link RuntimeLoggerContext}), which filters
 * by {@code AWS_LAMBDA_LOG_LEVEL} and formats and writes each line it keeps; the handler reads the same variable:
 * {@code benchmarks/run.sh} runs this class once at WARN (the construct's level) and once at DEBUG. The JVM flags of a run decide C1 (Lambda's {@code -XX:TieredStopAtLevel=1}) or C2.
 * {@code benchmarks/node/warm.js} measures the recipe's logic in Node.js on the same event the same way.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SerializedInvocationBenchmark {

    /** The event file, a classpath resource; the Node.js benchmark reads the same file. */
    static final String EVENT = "sign-in-event.json";

    /**
     * {@code scoped} for this project's handler; {@code trivial} for the baseline that returns the event as it
     * came, {@code fixed} for the one that builds the same answer without deciding (see {@link FixedResponseHandler}); set by JMH.
     */
    @Param({"scoped", "trivial", "fixed"})
    String handler;

    private RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> target;
    private PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> serializer;
    private byte[] event;
    private ByteArrayOutputStream response;
    private Context context;

    /**
     * Builds the handler and reads the event once per trial.
     *
     * @throws IOException if the event cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        serializer = JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
        try (InputStream stream =
                SerializedInvocationBenchmark.class.getClassLoader().getResourceAsStream(EVENT)) {
            event = stream.readAllBytes();
        }
        target = switch (handler) {
            case "trivial" -> new TrivialHandler();
            case "fixed" -> new FixedResponseHandler();
            default -> new PreTokenGenerationHandler(recipePolicy());
        };
        context = RuntimeLoggerContext.jsonLogging();
        response = new ByteArrayOutputStream(4096);
        invoke();
        String answer = response.toString(StandardCharsets.UTF_8);
        if (!"trivial".equals(handler) && !answer.contains("everyone/*")) {
            throw new IllegalStateException("expected everyone/* to be added, but the response is " + answer);
        }
    }

    /** The recipe's groups and scopes; every app client may carry them. */
    static ScopePolicy recipePolicy() {
        return ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*"))
                .group("EVERYONE", List.of("everyone/*"))
                .build();
    }

    /**
     * One invocation: JSON bytes in, handler, JSON bytes out.
     *
     * @return the number of response bytes
     */
    @Benchmark
    public int invoke() {
        response.reset();
        CognitoUserPoolPreTokenGenerationEventV2 in = serializer.fromJson(new ByteArrayInputStream(event));
        serializer.toJson(target.handleRequest(in, context), response);
        return response.size();
    }
}
