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
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda Runtime API on 127.0.0.1 (ephemeral port), served by the test so that the official runtime interface
 * client can run real function code against it.
 *
 * <p>Events are submitted one at a time with {@link #submit}; the returned future completes when the function
 * posts its response or error for that event. {@code GET .../invocation/next} is a long poll, as in Lambda: it
 * blocks until an event is submitted, and is released when the server is closed. Init errors, invocation errors
 * and requests the API does not know are recorded for the test to assert on.
 *
 * <pre>{@code
 * try (RuntimeApiServer api = RuntimeApiServer.start(functionArn, Duration.ofSeconds(5))) {
 *     // start the runtime with AWS_LAMBDA_RUNTIME_API=api.address(), then:
 *     InvocationResult result = api.submit("{}").get(10, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda runtime API</a>
 */
public final class RuntimeApiServer implements AutoCloseable {

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
    private final String invokedFunctionArn;
    private final Duration functionTimeout;
    private final BlockingQueue<Pending> events = new LinkedBlockingQueue<>();
    private final AtomicReference<Pending> current = new AtomicReference<>();
    private final List<InvocationResult> invocationErrors = new CopyOnWriteArrayList<>();
    private final List<InitError> initErrors = new CopyOnWriteArrayList<>();
    private final List<String> unexpectedRequests = new CopyOnWriteArrayList<>();
    private final CompletableFuture<InitError> firstInitError = new CompletableFuture<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Long> firstResponse = new CompletableFuture<>();
    private final AtomicBoolean restoreRequested = new AtomicBoolean();
    private volatile boolean closed;

    private RuntimeApiServer(HttpServer server, ExecutorService handlers, String invokedFunctionArn,
            Duration functionTimeout) {
        this.server = server;
        this.handlers = handlers;
        this.invokedFunctionArn = invokedFunctionArn;
        this.functionTimeout = functionTimeout;
    }

    /**
     * Starts the API on 127.0.0.1 on a free port.
     *
     * @param invokedFunctionArn sent as {@code Lambda-Runtime-Invoked-Function-Arn} with every event
     * @param functionTimeout sets {@code Lambda-Runtime-Deadline-Ms} to the time an event is handed out plus this
     * @return the running server
     * @throws IOException if no port can be bound
     */
    public static RuntimeApiServer start(String invokedFunctionArn, Duration functionTimeout) throws IOException {
        Objects.requireNonNull(invokedFunctionArn, "invokedFunctionArn");
        Objects.requireNonNull(functionTimeout, "functionTimeout");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        // A pool, not the default single dispatcher thread: the long poll for the next event blocks its thread.
        ExecutorService handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        RuntimeApiServer api = new RuntimeApiServer(server, handlers, invokedFunctionArn, functionTimeout);
        server.setExecutor(handlers);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /**
     * The value for {@code AWS_LAMBDA_RUNTIME_API}.
     *
     * @return {@code 127.0.0.1:port}
     */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues one event for the function; the runtime receives it at its next {@code invocation/next}.
     *
     * @param event the event body, usually JSON
     * @return a future that completes with the function's response or error for this event, and fails if the
     *     server is closed first
     * @throws IllegalStateException if the previous event has no result yet, or the server is closed
     */
    public CompletableFuture<InvocationResult> submit(String event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            throw new IllegalStateException("the runtime API is closed; start a new one");
        }
        Pending next = new Pending(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>());
        Pending previous = current.get();
        if (previous != null && !previous.result().isDone()) {
            throw new IllegalStateException("invocation " + previous.requestId()
                    + " has no result yet; await it before submitting another event");
        }
        if (!current.compareAndSet(previous, next)) {
            throw new IllegalStateException("another event was submitted at the same time; submit one at a time");
        }
        events.add(next);
        return next.result().copy();
    }

    /**
     * Completes with the first error posted to {@code /init/error} or {@code /restore/error}.
     *
     * @return a future that never completes if the function initializes cleanly
     */
    public CompletableFuture<InitError> firstInitError() {
        return firstInitError.copy();
    }

    /**
     * Every error posted to {@code /init/error} or {@code /restore/error}, in order.
     *
     * @return an immutable snapshot
     */
    public List<InitError> initErrors() {
        return List.copyOf(initErrors);
    }

    /**
     * Every error posted to {@code /invocation/{id}/error}, in order.
     *
     * @return an immutable snapshot
     */
    public List<InvocationResult> invocationErrors() {
        return List.copyOf(invocationErrors);
    }

    /**
     * Requests the API rejected: unknown paths, and results for request ids that are not in flight.
     *
     * @return an immutable snapshot of {@code "METHOD path: reason"} lines
     */
    public List<String> unexpectedRequests() {
        return List.copyOf(unexpectedRequests);
    }

    /**
     * Completes when the runtime first asks for an event, which is when its initialization has ended.
     *
     * @return a future of the {@link System#nanoTime()} of that request
     */
    public CompletableFuture<Long> firstNext() {
        return firstNext.copy();
    }

    /**
     * When the runtime first asked for an event.
     *
     * @return a {@link System#nanoTime()} value, or empty if it has not asked yet
     */
    public OptionalLong firstNextNanos() {
        return nanos(firstNext);
    }

    /**
     * When the first response (not error) arrived.
     *
     * @return a {@link System#nanoTime()} value, or empty if none has arrived yet
     */
    public OptionalLong firstResponseNanos() {
        return nanos(firstResponse);
    }

    /**
     * Whether the runtime called {@code /restore/next}, which the client does only when started as a SnapStart
     * snapshot and only after its before-checkpoint hooks succeeded.
     *
     * @return {@code true} once it was called
     */
    public boolean restoreRequested() {
        return restoreRequested.get();
    }

    /**
     * Stops serving, releases a pending long poll, and fails the future of an event that has no result.
     */
    @Override
    public void close() {
        closed = true;
        handlers.shutdownNow();
        server.stop(0);
        Pending pending = current.get();
        if (pending != null) {
            pending.result().completeExceptionally(new IllegalStateException(
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
                restoreRequested.set(true);
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
        firstNext.complete(System.nanoTime());
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
        headers.set("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invokedFunctionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        send(exchange, 200, pending.event());
    }

    private void acceptResult(HttpExchange exchange, String requestId, boolean error) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Pending pending = current.get();
        String kind = error ? "error" : "response";
        if (pending == null || !pending.requestId().equals(requestId)) {
            reject(exchange, 400, "POST " + kind + " for request id " + requestId + ", which is not in flight");
            return;
        }
        if (pending.result().isDone()) {
            reject(exchange, 400, "POST " + kind + " for request id " + requestId + ", which already has a result");
            return;
        }
        InvocationResult result;
        if (error) {
            String errorType = exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER);
            result = new InvocationResult(requestId, body, errorType == null ? "" : errorType);
            invocationErrors.add(result);
        } else {
            firstResponse.complete(System.nanoTime());
            result = new InvocationResult(requestId, body, null);
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
        return String.format("Root=1-%08x-%016x%08x;Parent=%016x;Sampled=0", System.currentTimeMillis() / 1000,
                random.nextLong(), random.nextInt(), random.nextLong());
    }

    private static OptionalLong nanos(CompletableFuture<Long> value) {
        Long nanos = value.getNow(null);
        return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    private record Pending(String requestId, byte[] event, CompletableFuture<InvocationResult> result) {
    }
}
