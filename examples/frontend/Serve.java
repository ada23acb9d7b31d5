import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the sample frontend on the app client's callback origin, with nothing but the JDK:
 *
 * <pre>{@code java examples/frontend/Serve.java examples/frontend}</pre>
 *
 * <p>Arguments: the folder to serve (default: the current directory) and the port (default 3000; 0 picks a free
 * one). It listens on the loopback address only, answers only GET and HEAD for requests addressed to
 * {@code localhost} or {@code 127.0.0.1} (so a web site that rebinds its DNS name to this machine reads
 * nothing), and serves only regular files directly in the folder with the listed extensions: no
 * subfolders, no dot files, no symbolic links, no {@code ..}.
 *
 * <p>A fixed pool of {@value #WORKERS} threads answers, and the JDK's server closes a connection that has not
 * sent its whole request, or read its whole answer, within 30 seconds, or that waits 30 seconds for its next
 * request. Each limit is a {@code sun.net.httpserver} system property (see {@link #LIMITS}); one given with
 * {@code -D} wins.
 */
public final class Serve {

    /**
     * A browser opens at most six connections to one host, so 16 workers serve a few tabs at once, while clients
     * that send slowly hold no more than 16 threads, each for at most {@code maxReqTime}.
     */
    private static final int WORKERS = 16;
    /** Read once, when the JDK's server first loads its configuration. */
    private static final Map<String, String> LIMITS = Map.of(
            // Seconds to receive a whole request, from its first byte.
            "sun.net.httpserver.maxReqTime", "30",
            // Seconds to send a whole answer.
            "sun.net.httpserver.maxRspTime", "30",
            // Seconds a connection may wait for its first or next request.
            "sun.net.httpserver.idleInterval", "30",
            // Milliseconds between looks for idle connections: the default, 10 s, would let one wait 40 s.
            "sun.net.httpserver.clockTick", "1000");
    private static final Pattern FILE = Pattern.compile("/([A-Za-z0-9][A-Za-z0-9_-]*\\.([a-z]+))");
    private static final Pattern LOGGABLE = Pattern.compile("[!-~]{1,200}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");
    private static final Set<String> HOSTS = Set.of("localhost", "127.0.0.1");

    private final Path root;

    private Serve(Path root) {
        this.root = root;
    }

    /**
     * Starts the server and prints its address.
     *
     * @param args the folder to serve and the port, both optional
     * @throws IOException if the folder cannot be read or the port is taken
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toRealPath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        if (!Files.isRegularFile(root.resolve("index.html"), LinkOption.NOFOLLOW_LINKS)) {
            System.err.println(root + " has no index.html; pass the frontend folder, e.g. examples/frontend");
            System.exit(2);
        }
        LIMITS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", new Serve(root)::handle);
        AtomicInteger workers = new AtomicInteger();
        server.setExecutor(Executors.newFixedThreadPool(
                WORKERS, task -> new Thread(task, "serve-worker-" + workers.incrementAndGet())));
        server.start();
        System.out.println("Serving " + root + " on http://localhost:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = respond(exchange);
            // The path only: the query may hold an authorization code.
            System.out.println(loggable(exchange.getRequestMethod()) + " "
                    + loggable(exchange.getRequestURI().getRawPath()) + " " + status);
        }
    }

    private int respond(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "frame-ancestors 'none'");
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return send(exchange, 405, "method not allowed");
        }
        List<String> hosts = exchange.getRequestHeaders().get("Host");
        if (hosts == null || hosts.size() != 1 || !HOSTS.contains(hostName(hosts.get(0)))) {
            return send(exchange, 421, "this server answers only for localhost");
        }
        String path = exchange.getRequestURI().getRawPath();
        Matcher file = FILE.matcher("/".equals(path) ? "/index.html" : path);
        if (!file.matches() || !TYPES.containsKey(file.group(2))) {
            return send(exchange, 404, "not found");
        }
        Path target = root.resolve(file.group(1));
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return send(exchange, 404, "not found");
        }
        byte[] body;
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            body = in.readAllBytes();
        } catch (IOException e) {
            // Removed, or replaced by a link, since the check above.
            return send(exchange, 404, "not found");
        }
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(file.group(2)));
        return send(exchange, 200, body);
    }

    private static String hostName(String host) {
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String loggable(String text) {
        return text != null && LOGGABLE.matcher(text).matches() ? text : "(unprintable)";
    }

    private static int send(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        return send(exchange, status, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }
}
