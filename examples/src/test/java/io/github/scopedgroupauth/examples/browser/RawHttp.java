package io.github.scopedgroupauth.examples.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 request written byte for byte, so that a test can send what a browser or HttpClient would
 * normalize or refuse: {@code ..} segments, encoded dots, another {@code Host}.
 */
final class RawHttp {

    private RawHttp() {}

    /** The status line and headers of the answer to {@code method target} with this Host header. */
    static String head(String server, String method, String target, String host) throws IOException {
        try (Socket socket =
                send(server, method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")) {
            String answer = untilClosed(socket);
            int end = answer.indexOf("\r\n\r\n");
            return end < 0 ? answer : answer.substring(0, end);
        }
    }

    /** A connection to the server that has sent these characters, and nothing more yet. */
    static Socket send(String server, String sent) throws IOException {
        Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), URI.create(server).getPort());
        OutputStream out = socket.getOutputStream();
        out.write(sent.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /**
     * Everything the server sends until it closes the connection. A reset counts as closing: a server that
     * closes a connection before reading what the client sent resets it.
     */
    static String untilClosed(Socket socket) throws IOException {
        // A server that never closes fails the test instead of hanging it.
        return untilClosed(socket, Duration.ofSeconds(20));
    }

    /** As {@link #untilClosed(Socket)}, failing if the server sends nothing and keeps the connection this long. */
    static String untilClosed(Socket socket, Duration patience) throws IOException {
        socket.setSoTimeout(Math.toIntExact(patience.toMillis()));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                received.write(buffer, 0, read);
            }
        } catch (SocketException e) {
            if (!"Connection reset".equals(e.getMessage())) {
                throw e;
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
