package io.github.scopedgroupauth.runtime;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * A fresh execution environment in a child JVM, started by {@link DefaultHandlerTest}: creates the handler
 * as the Lambda runtime does (no-argument constructor, real process environment), deserializes the event
 * fixture named by the first argument, and writes the serialized response to standard output. An invalid
 * policy is reported on standard error with exit code 3.
 */
public final class ColdStartMain {

    static final int INVALID_POLICY = 3;

    private ColdStartMain() {}

    /**
     * Runs one event.
     *
     * @param args the classpath resource name of the event fixture
     * @throws IOException if the fixture cannot be read or the response not written
     */
    public static void main(String[] args) throws IOException {
        PojoSerializer<CognitoUserPoolPreTokenGenerationEventV2> serializer =
                JacksonFactory.getInstance().getSerializer(CognitoUserPoolPreTokenGenerationEventV2.class);
        PreTokenGenerationHandler handler;
        try {
            handler = new PreTokenGenerationHandler();
        } catch (InvalidPolicyException e) {
            System.err.println(e.getMessage());
            System.exit(INVALID_POLICY);
            return;
        }
        CognitoUserPoolPreTokenGenerationEventV2 event;
        try (InputStream fixture = ColdStartMain.class.getClassLoader().getResourceAsStream(args[0])) {
            event = serializer.fromJson(fixture);
        }
        serializer.toJson(handler.handleRequest(event, null), System.out);
        System.out.flush();
    }
}
