package io.github.scopedgroupauth.runtime.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The JSON serializer the Lambda Java runtime uses for the handler's event class, reached by name at run time: the
 * runtime interface client takes {@code JacksonFactory.getInstance().getSerializer(type)} from
 * {@code aws-lambda-java-serialization} on its own classpath for event classes that are not among its built-in
 * ones, as Cognito's are not. The function jar does not bundle that library, so this finds the runtime's copy
 * through the function's class loader, or nothing outside Lambda. Not part of the public API.
 */
final class RuntimeSerializer {

    /** The factory class the runtime interface client asks for its serializers. */
    static final String FACTORY = "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
    /** The serializer interface the factory returns. */
    static final String SERIALIZER = "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";

    private final Object serializer;
    private final Method fromJson;
    private final Method toJson;

    private RuntimeSerializer(Object serializer, Method fromJson, Method toJson) {
        this.serializer = serializer;
        this.fromJson = fromJson;
        this.toJson = toJson;
    }

    /**
     * The runtime's serializer for a type, as the runtime would create it.
     *
     * @param loader the loader that sees the runtime's classes, such as the function's
     * @param type the handler's event class
     * @return the serializer, or empty if the runtime's serialization library is not there or has changed
     */
    static Optional<RuntimeSerializer> find(ClassLoader loader, Class<?> type) {
        try {
            Class<?> factory = Class.forName(FACTORY, true, loader);
            Class<?> serializerType = Class.forName(SERIALIZER, true, loader);
            Object instance = factory.getMethod("getInstance").invoke(null);
            Object serializer = factory.getMethod("getSerializer", Type.class).invoke(instance, type);
            return Optional.of(new RuntimeSerializer(
                    serializer,
                    serializerType.getMethod("fromJson", InputStream.class),
                    serializerType.getMethod("toJson", Object.class, OutputStream.class)));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads an object from JSON.
     *
     * @param json UTF-8 JSON
     * @return the object
     * @throws ReflectiveOperationException if the serializer cannot be called or fails
     */
    Object fromJson(byte[] json) throws ReflectiveOperationException {
        return call(fromJson, new ByteArrayInputStream(json));
    }

    /**
     * Writes an object as JSON.
     *
     * @param value the object
     * @return UTF-8 JSON
     * @throws ReflectiveOperationException if the serializer cannot be called or fails
     */
    byte[] toJson(Object value) throws ReflectiveOperationException {
        ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
        call(toJson, value, json);
        return json.toByteArray();
    }

    private Object call(Method method, Object... arguments) throws ReflectiveOperationException {
        return method.invoke(serializer, arguments);
    }
}
