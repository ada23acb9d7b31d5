package io.github.scopedgroupauth.benchmarks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.github.scopedgroupauth.runtime.PreTokenGenerationHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * One fresh JVM's init, started by {@link InitBenchmark}: creates the handler as the Lambda runtime does (the
 * no-argument constructor, which reads the policy file on the classpath) or the {@link TrivialHandler}, then runs
 * the first event through the runtime's serializer. Prints both times in milliseconds on one line.
 */
public final class InitProbe {

    private InitProbe() {}

    /**
     * Runs the probe.
     *
     * @param args {@code scoped} or {@code trivial}
     * @throws IOException if the event cannot be read
     */
    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> handler =
                "trivial".equals(args[0]) ? new TrivialHandler() : new PreTokenGenerationHandler();
        long initialized = System.nanoTime();
        byte[] event;
        try (InputStream stream =
                InitProbe.class.getClassLoader().getResourceAsStream(SerializedInvocationBenchmark.EVENT)) {
            event = stream.readAllBytes();
        }
        long eventRead = System.nanoTime();
        PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> serializer =
                JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        serializer.toJson(handler.handleRequest(serializer.fromJson(new ByteArrayInputStream(event)), null), response);
        long answered = System.nanoTime();
        System.out.println(String.format(
                Locale.ROOT,
                "%.3f %.3f %d",
                (initialized - start) / 1e6,
                (answered - eventRead) / 1e6,
                response.size()));
    }
}
