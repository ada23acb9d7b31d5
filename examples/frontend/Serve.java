import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
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
 * <p>One thread serves every connection without ever waiting on a client, so clients that send slowly or not at
 * all hold no thread. (The JDK's {@code HttpServer} reads each request on a worker thread: a few such clients
 * would hold every worker of a bounded pool, and an unbounded pool grows a thread per client.) Each connection
 * carries one request, whose head may be 8 KiB, and is closed after the answer, or 30 seconds after it was
 * opened if the client has not sent its request and read the answer by then (the system property
 * {@value #TIMEOUT_PROPERTY} sets another time, as an ISO-8601 duration such as {@code PT10S}). At most
 * {@value #MAX_CONNECTIONS} connections are open at once; further ones wait in the listen backlog.
 */
public final class Serve {

    private static final String TIMEOUT_PROPERTY = "scopedgroupauth.serve.timeout";
    private static final int MAX_CONNECTIONS = 512;
    private static final int MAX_HEAD_BYTES = 8192;
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
    private static final Map<Integer, String> REASONS = Map.of(
            200, "OK",
            400, "Bad Request",
            404, "Not Found",
            405, "Method Not Allowed",
            421, "Misdirected Request",
            431, "Request Header Fields Too Large");

    private final Path root;
    private final long timeoutNanos;
    private final Selector selector;
    private final SelectionKey listening;
    /** What a client still sends after its answer: read and dropped, so that closing does not reset the answer. */
    private final ByteBuffer discarded = ByteBuffer.allocate(MAX_HEAD_BYTES);

    private int open;

    private Serve(Path root, Duration timeout, ServerSocketChannel listener) throws IOException {
        this.root = root;
        this.timeoutNanos = timeout.toNanos();
        this.selector = Selector.open();
        listener.configureBlocking(false);
        this.listening = listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Starts the server, prints its address and serves until the process ends.
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
        Duration timeout = Duration.parse(System.getProperty(TIMEOUT_PROPERTY, "PT30S"));
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Serve server = new Serve(root, timeout, listener);
        int bound = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        System.out.println("Serving " + root + " on http://localhost:" + bound + "/");
        server.run();
    }

    private void run() throws IOException {
        // Expired connections are looked for every second, or ten times per timeout if it is shorter.
        long tickMillis = Math.max(1, Math.min(1000, timeoutNanos / 10_000_000));
        while (true) {
            selector.select(tickMillis);
            for (Iterator<SelectionKey> ready = selector.selectedKeys().iterator(); ready.hasNext(); ) {
                SelectionKey key = ready.next();
                ready.remove();
                if (key == listening) {
                    accept((ServerSocketChannel) key.channel());
                } else {
                    serve(key);
                }
            }
            closeExpired(System.nanoTime());
        }
    }

    private void accept(ServerSocketChannel listener) throws IOException {
        SocketChannel channel = listener.accept();
        if (channel == null) {
            return;
        }
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, new Connection(System.nanoTime() + timeoutNanos));
        open++;
        if (open == MAX_CONNECTIONS) {
            listening.interestOps(0);
        }
    }

    private void serve(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isWritable()) {
                write(key, channel, connection.answer);
            } else if (connection.answer != null) {
                discarded.clear();
                if (channel.read(discarded) < 0) {
                    close(key);
                }
            } else {
                read(key, channel, connection);
            }
        } catch (IOException e) {
            // The client went away or reset the connection: there is no one left to answer.
            close(key);
        }
    }

    private void read(SelectionKey key, SocketChannel channel, Connection connection) throws IOException {
        ByteBuffer head = connection.head;
        // Only the new bytes are searched, so that a client sending a byte at a time costs no more than others.
        int from = Math.max(0, head.position() - 3);
        if (channel.read(head) < 0) {
            close(key);
            return;
        }
        int end = endOfHead(head.array(), from, head.position());
        if (end < 0 && head.hasRemaining()) {
            return;
        }
        connection.answer = end < 0
                ? answer(431, "GET", "request head too large").bytes()
                : respond(new String(head.array(), 0, end, StandardCharsets.ISO_8859_1)).bytes();
        key.interestOps(SelectionKey.OP_WRITE);
    }

    /** Where the empty line that ends a request head starts, looking from {@code from}; -1 if not there yet. */
    private static int endOfHead(byte[] bytes, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void write(SelectionKey key, SocketChannel channel, ByteBuffer answer) throws IOException {
        channel.write(answer);
        if (!answer.hasRemaining()) {
            channel.shutdownOutput();
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void closeExpired(long now) {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection connection && now - connection.deadline >= 0) {
                close(key);
            }
        }
    }

    private void close(SelectionKey key) {
        if (!key.channel().isOpen()) {
            return;
        }
        try {
            key.channel().close();
        } catch (IOException e) {
            // Closing a socket cannot fail in a way that leaves anything to do.
        }
        open--;
        listening.interestOps(SelectionKey.OP_ACCEPT);
    }

    private Answer respond(String head) {
        String[] lines = head.split("\r\n", -1);
        String[] request = lines[0].split(" ", -1);
        if (request.length != 3 || !request[2].startsWith("HTTP/1.")) {
            return answer(400, "GET", "bad request");
        }
        String method = request[0];
        int query = request[1].indexOf('?');
        String path = query < 0 ? request[1] : request[1].substring(0, query);
        Answer answer = respond(method, hostName(lines), path);
        // The path only: the query may hold an authorization code.
        System.out.println(loggable(method) + " " + loggable(path) + " " + answer.status());
        return answer;
    }

    private Answer respond(String method, String host, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return answer(405, method, "method not allowed");
        }
        if (!HOSTS.contains(host)) {
            return answer(421, method, "this server answers only for localhost");
        }
        Matcher file = FILE.matcher("/".equals(path) ? "/index.html" : path);
        if (!file.matches() || !TYPES.containsKey(file.group(2))) {
            return answer(404, method, "not found");
        }
        Path target = root.resolve(file.group(1));
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return answer(404, method, "not found");
        }
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            return answer(200, method, TYPES.get(file.group(2)), in.readAllBytes());
        } catch (IOException e) {
            // Removed or replaced by a link since the check above.
            return answer(404, method, "not found");
        }
    }

    /** The host name of the request's one Host header, without the port; empty if there is none or several. */
    private static String hostName(String[] lines) {
        String host = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && "host".equalsIgnoreCase(lines[i].substring(0, colon))) {
                if (host != null) {
                    return "";
                }
                host = lines[i].substring(colon + 1).strip();
            }
        }
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String loggable(String text) {
        return LOGGABLE.matcher(text).matches() ? text : "(unprintable)";
    }

    private static Answer answer(int status, String method, String text) {
        return answer(status, method, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Answer answer(int status, String method, String type, byte[] body) {
        String head = "HTTP/1.1 " + status + " " + REASONS.get(status) + "\r\n"
                + "Content-Type: " + type + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (status == 405 ? "Allow: GET, HEAD\r\n" : "")
                + "X-Content-Type-Options: nosniff\r\n"
                + "Referrer-Policy: no-referrer\r\n"
                + "Cache-Control: no-store\r\n"
                + "Content-Security-Policy: frame-ancestors 'none'\r\n"
                + "Connection: close\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        boolean withBody = !"HEAD".equals(method);
        ByteBuffer answer = ByteBuffer.allocate(start.length + (withBody ? body.length : 0));
        answer.put(start);
        if (withBody) {
            answer.put(body);
        }
        return new Answer(status, answer.flip());
    }

    /** An answer's status, for the log, and its bytes as they go out. */
    private record Answer(int status, ByteBuffer bytes) {}

    /** One client's connection: its request head as it arrives, then the answer as it leaves. */
    private static final class Connection {

        private final long deadline;
        private final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD_BYTES);
        private ByteBuffer answer;

        private Connection(long deadline) {
            this.deadline = deadline;
        }
    }
}
