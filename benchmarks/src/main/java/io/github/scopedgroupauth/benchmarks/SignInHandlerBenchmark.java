package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.GroupConfiguration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Request;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * The handler alone on the values of {@code sign-in-event.json}, without the serializer: what deciding costs, in
 * nanoseconds, which the whole invocation of {@link SerializedInvocationBenchmark} measures only as a small part
 * of microseconds. Every call gets new strings, as the serializer makes them for each event, so no hash code is
 * cached from the call before; the {@link FixedResponseHandler} baseline gets the same strings and builds the same
 * answer without deciding.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SignInHandlerBenchmark {

    /** {@code scoped} for this project's handler on the recipe's policy, {@code fixed} for the baseline; set by JMH. */
    @Param({"scoped", "fixed"})
    String handler;

    private RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> target;
    private CognitoUserPoolPreTokenGenerationEventV2 event;
    // The values as ASCII bytes, from which every call makes new strings.
    private byte[] version;
    private byte[] triggerSource;
    private byte[] clientId;
    private byte[][] groups;
    private byte[][] scopes;
    private Context context;

    /**
     * Reads the event through the runtime's serializer once and builds the handler.
     *
     * @throws IOException if the event cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> serializer =
                JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
        try (InputStream stream = SignInHandlerBenchmark.class
                .getClassLoader()
                .getResourceAsStream(SerializedInvocationBenchmark.EVENT)) {
            event = serializer.fromJson(new ByteArrayInputStream(stream.readAllBytes()));
        }
        version = bytes(event.getVersion());
        triggerSource = bytes(event.getTriggerSource());
        clientId = bytes(event.getCallerContext().getClientId());
        groups = bytes(event.getRequest().getGroupConfiguration().getGroupsToOverride());
        scopes = bytes(event.getRequest().getScopes());
        target = "fixed".equals(handler)
                ? new FixedResponseHandler()
                : new PreTokenGenerationHandler(SerializedInvocationBenchmark.recipePolicy());
        context = RuntimeLoggerContext.jsonLogging();
        String answer = String.valueOf(handle());
        if (!answer.contains("everyone/*")) {
            throw new IllegalStateException("expected everyone/* to be added, but the response is " + answer);
        }
    }

    /**
     * One event: new strings for the values the handler reads, then the handler.
     *
     * @return the response
     */
    @Benchmark
    public Response handle() {
        event.setVersion(fresh(version));
        event.setTriggerSource(fresh(triggerSource));
        event.getCallerContext().setClientId(fresh(clientId));
        Request request = event.getRequest();
        GroupConfiguration groupConfiguration = request.getGroupConfiguration();
        groupConfiguration.setGroupsToOverride(fresh(groups));
        request.setScopes(fresh(scopes));
        event.setResponse(null);
        return target.handleRequest(event, context).getResponse();
    }

    private static String[] fresh(byte[][] values) {
        String[] strings = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            strings[i] = fresh(values[i]);
        }
        return strings;
    }

    /**
     * A new string from bytes, as the serializer makes one, with no hash code cached: {@code new String(String)}
     * would take over the original's.
     */
    private static String fresh(byte[] value) {
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    private static byte[][] bytes(String[] values) {
        byte[][] all = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            all[i] = bytes(values[i]);
        }
        return all;
    }

    /** The event's values are ASCII. */
    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }
}
