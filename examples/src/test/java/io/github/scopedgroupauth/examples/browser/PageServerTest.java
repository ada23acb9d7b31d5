package io.github.scopedgroupauth.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** The time a connection has to send its request and read the answer, for {@link #strict}. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Clients that each send half a request and wait: a thread for each would be this many more threads. */
    private static final int SLOW_CLIENTS = 64;

    private static final String HALF_A_REQUEST = "GET / HTTP/1.1\r\nHost: local";

    @TempDir
    static Path temporary;

    /** With the default timeout, and with the JVM's own threads started up front, so that any new one is the server's. */
    private static FrontendServer patient;
    /** With {@link #TIMEOUT}. */
    private static FrontendServer strict;

    @BeforeAll
    static void start() throws IOException {
        patient = new FrontendServer(
                Path.of("frontend"),
                temporary.resolve("patient"),
                List.of("-XX:+UseSerialGC", "-XX:-UseDynamicNumberOfCompilerThreads"));
        strict = new FrontendServer(
                Path.of("frontend"),
                temporary.resolve("strict"),
                List.of("-Dscopedgroupauth.serve.timeout=" + TIMEOUT));
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
            for (int request = 0; request < 2; request++) {
                assertThat(RawHttp.head(patient.url(), "GET", "/", "localhost:" + port))
                        .startsWith("HTTP/1.1 200 ");
            }
        } finally {
            stalled.close();
        }
    }

    @Test
    void manySlowClients_addNoThread_andOthersAreStillAnswered() throws IOException {
        // given a server that has answered once, so that whatever it starts lazily is started
        String host = "localhost:" + URI.create(patient.url()).getPort();
        assertThat(RawHttp.head(patient.url(), "GET", "/", host)).startsWith("HTTP/1.1 200 ");
        long threads = patient.threads();
        List<Socket> slow = new ArrayList<>();
        try {
            // when
            for (int client = 0; client < SLOW_CLIENTS; client++) {
                slow.add(RawHttp.send(patient.url(), HALF_A_REQUEST));
            }

            // then
            assertThat(RawHttp.head(patient.url(), "GET", "/app.js", host)).startsWith("HTTP/1.1 200 ");
            assertThat(patient.threads()).isLessThanOrEqualTo(threads);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void halfSentRequest_isClosedWithoutAnAnswer_afterTheTimeout() throws IOException {
        long start = System.nanoTime();
        try (Socket socket = RawHttp.send(strict.url(), HALF_A_REQUEST)) {

            String answer = RawHttp.untilClosed(socket);

            assertThat(answer).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT);
        }
    }

    @Test
    void silentConnection_isClosed_afterTheTimeout() throws IOException {
        long start = System.nanoTime();
        try (Socket socket = RawHttp.send(strict.url(), "")) {

            String answer = RawHttp.untilClosed(socket);

            assertThat(answer).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT);
        }
    }

    @Test
    void keepAliveRequest_isAnswered_andItsConnectionClosedAtOnce() throws IOException {
        String request = "GET /style.css HTTP/1.1\r\nHost: localhost:"
                + URI.create(patient.url()).getPort() + "\r\nConnection: keep-alive\r\n\r\n";
        try (Socket socket = RawHttp.send(patient.url(), request)) {

            // The patient server's timeout is 30 s and untilClosed gives up after 20 s: only closing at once passes.
            String answer = RawHttp.untilClosed(socket);

            assertThat(answer)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("\r\nConnection: close\r\n")
                    .endsWith(Files.readString(Path.of("frontend", "style.css")));
        }
    }
}
