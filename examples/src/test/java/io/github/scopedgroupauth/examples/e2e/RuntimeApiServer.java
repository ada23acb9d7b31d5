package io.github.scopedgroupauth.examples.e2e;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda Runtime API on 127.0.0.1 (ephemeral port), served by the test so that the official runtime interface
 * client can run real function code against it.
 *
 * <p>Events are submitted one at a time; the returned future completes when the function posts its response or
 * error for that event. {@code GET .../invocation/next} is a long poll, as in Lambda: it blocks until an event
 * is submitted, and is released when the server is closed. Init errors, invocation errors and requests the API
 * does not know are recorded for the test to assert on.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda runtime API</a>
 */
final class RuntimeApiServer implements AutoCloseable {

    /**
     * What the function posted back for one invocation.
     *
     * @param requestId the request id handed out with the event
     * @param body the serialized response, or the error document ({@code errorMessage}, {@code errorType},
     *     {@code stackTrace})
     * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header of an error (for example
     *     {@code Runtime.UserException}), empty if the error post had none, or null for a response
     */
    record InvocationResult(String requestId, String body, String errorType) {

        boolean isError() {
            return errorType != null;
        }
    }

    /**
     * An error posted to {@code /runtime/init/error}, or for a SnapStart start to {@code /runtime/restore/error},
     * before any event.
     *
     * @param path the request path
     * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header, empty if there was none
     * @param body the error document
     */
    record InitError(String path, String errorType, String body) {}

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_RESULT = Pattern.compile("invocation/([^/]+)/(response|error)");
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add about 40 ms to each exchange. Read once, when the server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Duration functionTimeout;
    private final BlockingQueue<Pending> events = new LinkedBlockingQueue<>();
    private final AtomicReference<Pending> current = new AtomicReference<>();
    private final List<InvocationResult> invocationErrors = new CopyOnWriteArrayList<>();
    private final List<InitError> initErrors = new CopyOnWriteArrayList<>();
    private final List<String> unexpectedRequests = new CopyOnWriteArrayList<>();
    private final CompletableFuture<InitError> firstInitError = new CompletableFuture<>();
    private final CompletableFuture<Long> firstNextNanos = new CompletableFuture<>();
    private final CompletableFuture<Long> firstResponseNanos = new CompletableFuture<>();
    private volatile boolean restoreRequested;

    /**
     * Starts the API on a free port.
     *
     * @param functionTimeout sets {@code Lambda-Runtime-Deadline-Ms} to the time an event is handed out plus this
     */
    RuntimeApiServer(Duration functionTimeout) throws IOException {
        this.functionTimeout = functionTimeout;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        // A pool, not the default single dispatcher thread: the long poll for the next event blocks its thread.
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@return the value for {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:port}} */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event; the future completes with the function's answer, or fails if the server closes first. */
    CompletableFuture<InvocationResult> submit(String event) {
        Pending next = new Pending(
                UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        current.set(next);
        events.add(next);
        return next.result();
    }

    /** {@return completes with the first init or restore error; never if the function initializes cleanly} */
    CompletableFuture<InitError> firstInitError() {
        return firstInitError;
    }

    /** {@return completes with the {@link System#nanoTime()} of the first request for an event} */
    CompletableFuture<Long> firstNextNanos() {
        return firstNextNanos;
    }

    /** {@return completes with the {@link System#nanoTime()} of the first response (not error)} */
    CompletableFuture<Long> firstResponseNanos() {
        return firstResponseNanos;
    }

    /** {@return every error posted to {@code /init/error} or {@code /restore/error}, in order} */
    List<InitError> initErrors() {
        return List.copyOf(initErrors);
    }

    /** {@return every error posted to {@code /invocation/{id}/error}, in order} */
    List<InvocationResult> invocationErrors() {
        return List.copyOf(invocationErrors);
    }

    /** {@return the requests the API rejected: unknown paths, and results for requests not in flight} */
    List<String> unexpectedRequests() {
        return List.copyOf(unexpectedRequests);
    }

    /**
     * Whether the runtime called {@code /restore/next}, which the client does only when started as a SnapStart
     * snapshot and only after its before-checkpoint hooks succeeded.
     */
    boolean restoreRequested() {
        return restoreRequested;
    }

    /** Stops serving, releases a pending long poll, and fails the future of an event that has no result. */
    @Override
    public void close() {
        handlers.shutdownNow();
        server.stop(0);
        Pending pending = current.get();
        if (pending != null) {
            pending.result()
                    .completeExceptionally(new IllegalStateException(
                            "the runtime API was closed before invocation " + pending.requestId() + " had a result"));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            String route = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
            Matcher result = INVOCATION_RESULT.matcher(route);
            if ("GET".equals(method) && "invocation/next".equals(route)) {
                handOutNextEvent(exchange);
            } else if ("POST".equals(method) && result.matches()) {
                acceptResult(exchange, result.group(1), "error".equals(result.group(2)));
            } else if ("POST".equals(method) && ("init/error".equals(route) || "restore/error".equals(route))) {
                acceptInitError(exchange, path);
            } else if ("GET".equals(method) && "restore/next".equals(route)) {
                restoreRequested = true;
                send(exchange, 200, new byte[0]);
            } else {
                reject(exchange, 404, method + " " + path + ": not part of the Runtime API");
            }
        } catch (RuntimeException | IOException e) {
            unexpectedRequests.add(method + " " + path + ": the test server failed: " + e);
            throw e;
        }
    }

    private void handOutNextEvent(HttpExchange exchange) throws IOException {
        firstNextNanos.complete(System.nanoTime());
        Pending pending;
        try {
            pending = events.take();
        } catch (InterruptedException e) {
            // The server is closing; the runtime's long poll simply ends.
            Thread.currentThread().interrupt();
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        // The four headers Lambda sends with every event. Client-Context and Cognito-Identity are only sent
        // for invocations through the AWS Mobile SDK, so they are left out, as Cognito's invocations do.
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set(
                "Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", ManagedRuntimeLaunch.FUNCTION_ARN);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        send(exchange, 200, pending.event());
    }

    private void acceptResult(HttpExchange exchange, String requestId, boolean error) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Pending pending = current.get();
        String kind = error ? "error" : "response";
        if (pending == null
                || !pending.requestId().equals(requestId)
                || pending.result().isDone()) {
            reject(
                    exchange,
                    400,
                    "POST " + kind + " for request id " + requestId
                            + ", which is not in flight or already has a result");
            return;
        }
        String errorType = exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER);
        InvocationResult result =
                new InvocationResult(requestId, body, error ? (errorType == null ? "" : errorType) : null);
        if (error) {
            invocationErrors.add(result);
        } else {
            firstResponseNanos.complete(System.nanoTime());
        }
        // Completed before the runtime hears back, so that the result is recorded before anything it does next.
        pending.result().complete(result);
        send(exchange, 202, ACCEPTED);
    }

    private void acceptInitError(HttpExchange exchange, String path) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String errorType = exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER);
        InitError error = new InitError(path, errorType == null ? "" : errorType, body);
        initErrors.add(error);
        // Completed before the runtime hears back: it exits as soon as it does.
        firstInitError.complete(error);
        send(exchange, 202, ACCEPTED);
    }

    private void reject(HttpExchange exchange, int status, String reason) throws IOException {
        unexpectedRequests.add(reason);
        String body = "{\"errorMessage\":\"rejected by the test Runtime API\",\"errorType\":\"InvalidRequest\"}";
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format(
                "Root=1-%08x-%016x%08x;Parent=%016x;Sampled=0",
                System.currentTimeMillis() / 1000, random.nextLong(), random.nextInt(), random.nextLong());
    }

    private record Pending(String requestId, byte[] event, CompletableFuture<InvocationResult> result) {}
}
