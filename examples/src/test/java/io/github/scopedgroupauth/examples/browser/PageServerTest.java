package io.github.scopedgroupauth.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The page's server, {@code examples/frontend/Serve.java}, on its own: what it serves, to whom, and how it
 * treats clients that send slowly or not at all. Linux only, where the threads of a process are listed in
 * {@code /proc}.
 */
@Tag("browser")
class PageServerTest {

    /** The time a connection has for its request, its answer and its wait for the next request, for strict servers. */
    private static final Duration LIMIT = Duration.ofSeconds(2);
    /** The JDK's limits set to {@link #LIMIT}, and the JVM's own threads started up front, so that any new one is the server's. */
    private static final List<String> STRICT = List.of(
            "-Dsun.net.httpserver.maxReqTime=" + LIMIT.toSeconds(),
            "-Dsun.net.httpserver.maxRspTime=" + LIMIT.toSeconds(),
            "-Dsun.net.httpserver.idleInterval=" + LIMIT.toSeconds(),
            "-XX:+UseSerialGC",
            "-XX:-UseDynamicNumberOfCompilerThreads");
    /** Serve.java's pool. */
    private static final int WORKERS = 16;
    /** Clients that each send half a request and wait: four times as many as the pool has threads. */
    private static final int SLOW_CLIENTS = 64;

    private static final String HALF_A_REQUEST = "GET / HTTP/1.1\r\nHost: local";

    @TempDir
    static Path temporary;

    /** With Serve.java's own limits, 30 seconds. */
    private static FrontendServer patient;
    /** With {@link #STRICT}. */
    private static FrontendServer strict;

    @BeforeAll
    static void start() throws IOException {
        patient = new FrontendServer(Path.of("frontend"), temporary.resolve("patient"));
        strict = new FrontendServer(Path.of("frontend"), temporary.resolve("strict"), STRICT);
    }

    @AfterAll
    static void stop() {
        if (patient != null) {
            patient.close();
        }
        if (strict != null) {
            strict.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "GET,  /,                   localhost, 200",
        "GET,  /app.js,             127.0.0.1, 200",
        "HEAD, /style.css,          localhost, 200",
        "GET,  /../pom.xml,         localhost, 404",
        "GET,  /%2e%2e/pom.xml,     localhost, 404",
        "GET,  /..%2fpom.xml,       localhost, 404",
        "GET,  /browser/index.html, localhost, 404",
        "GET,  /.hidden.json,       localhost, 404",
        "GET,  /outside.json,       localhost, 404",
        "GET,  /Serve.java,         localhost, 404",
        "GET,  /,                   attacker.example, 421",
        "POST, /,                   localhost, 405",
    })
    void servesOnlyTheFolder_andOnlyToLocalhost(String method, String target, String host, int status)
            throws IOException {
        // given a dot file in the folder, and a symbolic link in it to a file outside
        Path outside = Files.writeString(temporary.resolve("outside-secret.json"), "{}");
        Files.writeString(patient.folder().resolve(".hidden.json"), "{}");
        Files.deleteIfExists(patient.folder().resolve("outside.json"));
        Files.createSymbolicLink(patient.folder().resolve("outside.json"), outside);

        String answer = RawHttp.head(
                patient.url(),
                method,
                target,
                host + ":" + URI.create(patient.url()).getPort());

        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        if (target.endsWith(".js")) {
            assertThat(answer).containsIgnoringCase("\r\ncontent-type: text/javascript; charset=utf-8\r\n");
        }
    }

    @Test
    void answersWhileAnotherClientHasSentHalfARequest() throws IOException {
        int port = URI.create(patient.url()).getPort();
        Socket stalled = RawHttp.send(patient.url(), HALF_A_REQUEST);
        try {
            // Two requests: whichever of the three the server reads first, one of these comes after the stalled one.
            // RawHttp gives up after 20 s, before the patient server's limit would free a stalled worker.
            for (int request = 0; request < 2; request++) {
                assertThat(RawHttp.head(patient.url(), "GET", "/", "localhost:" + port))
                        .startsWith("HTTP/1.1 200 ");
            }
        } finally {
            stalled.close();
        }
    }

    @Test
    void manySlowClients_holdNoMoreThreadsThanThePool_andAreAllClosedAfterTheLimit() throws IOException {
        // given a fresh server that has answered once, so that whatever it starts lazily is started
        try (FrontendServer server = new FrontendServer(Path.of("frontend"), temporary.resolve("crowded"), STRICT)) {
            String host = "localhost:" + URI.create(server.url()).getPort();
            assertThat(RawHttp.head(server.url(), "GET", "/", host)).startsWith("HTTP/1.1 200 ");
            // One worker of the pool has answered: the others may still be started.
            long allowed = server.threads() + WORKERS - 1;
            long start = System.nanoTime();
            List<Socket> slow = new ArrayList<>();
            long most = 0;
            try {
                // when
                for (int client = 0; client < SLOW_CLIENTS; client++) {
                    slow.add(RawHttp.send(server.url(), HALF_A_REQUEST));
                }

                // then every one is closed without an answer, not before the limit
                for (Socket socket : slow) {
                    assertThat(RawHttp.untilClosed(socket)).isEmpty();
                    most = Math.max(most, server.threads());
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LIMIT);
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }

            // and the server's threads never grew past the pool, which answers again
            assertThat(most).isLessThanOrEqualTo(allowed);
            assertThat(RawHttp.head(server.url(), "GET", "/app.js", host)).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void halfSentRequest_silentConnection_andIdleConnection_areClosedAfterServeJavasOwnLimitOf30Seconds()
            throws IOException {
        // given Serve.java's own limits, the JDK's defaults being none for a request and 30 s checked every 10 s
        Duration limit = Duration.ofSeconds(30);
        String request =
                "GET / HTTP/1.1\r\nHost: localhost:" + URI.create(patient.url()).getPort() + "\r\n\r\n";
        long start = System.nanoTime();
        try (Socket half = RawHttp.send(patient.url(), HALF_A_REQUEST);
                Socket silent = RawHttp.send(patient.url(), "");
                Socket idle = RawHttp.send(patient.url(), request)) {

            // when each is read, at the same time, until the server closes it, giving up 5 s after the limit
            List<CompletableFuture<Duration>> closed = new ArrayList<>();
            List<String> answers = new CopyOnWriteArrayList<>(List.of("", "", ""));
            List<Socket> sockets = List.of(half, silent, idle);
            for (int i = 0; i < sockets.size(); i++) {
                int index = i;
                closed.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                answers.set(index, RawHttp.untilClosed(sockets.get(index), limit.plusSeconds(5)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            return Duration.ofNanos(System.nanoTime() - start);
                        },
                        reader -> new Thread(reader).start()));
            }

            // then each is closed after the limit, the half-sent and the silent one without an answer
            assertThat(closed).allSatisfy(after -> assertThat(after.join()).isGreaterThanOrEqualTo(limit));
            assertThat(answers.get(0)).isEmpty();
            assertThat(answers.get(1)).isEmpty();
            assertThat(answers.get(2)).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    @Test
    void halfSentRequest_isClosedWithoutAnAnswer_afterTheLimit() throws IOException {
        long start = System.nanoTime();
        try (Socket socket = RawHttp.send(strict.url(), HALF_A_REQUEST)) {

            String answer = RawHttp.untilClosed(socket);

            assertThat(answer).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LIMIT);
        }
    }

    @Test
    void silentConnection_isClosed_afterTheLimit() throws IOException {
        long start = System.nanoTime();
        try (Socket socket = RawHttp.send(strict.url(), "")) {

            String answer = RawHttp.untilClosed(socket);

            assertThat(answer).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LIMIT);
        }
    }

    @Test
    void keepAliveConnection_isAnswered_andClosedAfterIdlingForTheLimit() throws IOException {
        String request = "GET /style.css HTTP/1.1\r\nHost: localhost:"
                + URI.create(strict.url()).getPort() + "\r\nConnection: keep-alive\r\n\r\n";
        long start = System.nanoTime();
        try (Socket socket = RawHttp.send(strict.url(), request)) {

            String answer = RawHttp.untilClosed(socket);

            assertThat(answer)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith(Files.readString(Path.of("frontend", "style.css")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LIMIT);
        }
    }
}
