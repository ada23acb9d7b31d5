import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
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
 */
public final class Serve {

    private static final Pattern FILE = Pattern.compile("/([A-Za-z0-9][A-Za-z0-9_-]*\\.([a-z]+))");
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
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", new Serve(root)::handle);
        // A thread per connection: with the default executor, one client that sends half a request would hold
        // the only thread and stall the page for everyone.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.println("Serving " + root + " on http://localhost:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = respond(exchange);
            // The path only: the query may hold an authorization code.
            System.out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + status);
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
        if (!HOSTS.contains(hostName(exchange.getRequestHeaders().getFirst("Host")))) {
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
        byte[] body = Files.readAllBytes(target);
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(file.group(2)));
        return send(exchange, 200, body);
    }

    private static String hostName(String host) {
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
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
