package io.github.scopedgroupauth.examples.playground;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API on 127.0.0.1 for one runtime process: hands out one event at a time on the long poll
 * {@code GET .../invocation/next} and completes its future with the response or error the function posts, or
 * with the init error it reports.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda runtime API</a>
 */
final class RuntimeApi implements AutoCloseable {

    /**
     * The function's answer to one event.
     *
     * @param body the response, or the error document ({@code errorMessage}, {@code errorType})
     * @param error whether the function reported an error (at init or for this event)
     */
    record Answer(String body, boolean error) {}

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern RESULT = Pattern.compile("invocation/([^/]+)/(response|error)");
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Duration timeout;
    private final String functionArn;
    private final LinkedBlockingQueue<Pending> events = new LinkedBlockingQueue<>();
    private final AtomicReference<Pending> current = new AtomicReference<>();
    /** The init error the runtime reported, which answers every later event too: the runtime then exits. */
    private final AtomicReference<Answer> initError = new AtomicReference<>();

    /**
     * An event in flight.
     *
     * @param handedOut completes when the runtime takes the event
     * @param answer completes with the function's answer, or a failure's
     */
    record Pending(
            String requestId, byte[] event, CompletableFuture<Void> handedOut, CompletableFuture<Answer> answer) {}

    RuntimeApi(Duration timeout, String functionArn) throws IOException {
        this.timeout = timeout;
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A pool: the long poll for the next event holds its thread.
        handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "playground-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@return {@code 127.0.0.1:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}} */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event for the runtime's next request, and returns it in flight. */
    Pending submit(String event) {
        Pending pending = new Pending(
                UUID.randomUUID().toString(),
                event.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>(),
                new CompletableFuture<>());
        current.set(pending);
        Answer failedInit = initError.get();
        if (failedInit != null) {
            pending.answer().complete(failedInit);
        } else {
            events.add(pending);
        }
        return pending;
    }

    /** Fails the event in flight, if any, with this answer: the runtime died or timed out. */
    void fail(Answer answer) {
        Pending pending = current.get();
        if (pending != null) {
            pending.answer().complete(answer);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String route = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
            Matcher result = RESULT.matcher(route);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("invocation/next".equals(route)) {
                handOut(exchange);
            } else if (result.matches()) {
                Pending pending = current.get();
                if (pending != null && pending.requestId().equals(result.group(1))) {
                    pending.answer().complete(new Answer(body, "error".equals(result.group(2))));
                }
                send(exchange, 202, ACCEPTED);
            } else if ("init/error".equals(route)) {
                initError.set(new Answer(body, true));
                fail(initError.get());
                send(exchange, 202, ACCEPTED);
            } else {
                send(exchange, 404, new byte[0]);
            }
        }
    }

    private void handOut(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = events.take();
            pending.handedOut().complete(null);
        } catch (InterruptedException e) {
            // Closing: the long poll simply ends.
            Thread.currentThread().interrupt();
            return;
        }
        // Every header Lambda sends: the runtime's native client crashes without one of them.
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        exchange.getResponseHeaders()
                .set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + timeout.toMillis()));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders()
                .set(
                        "Lambda-Runtime-Trace-Id",
                        "Root=1-00000000-"
                                + pending.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        send(exchange, 200, pending.event());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        handlers.shutdownNow();
        server.stop(0);
    }
}
