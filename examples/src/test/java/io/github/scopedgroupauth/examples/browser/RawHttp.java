package io.github.scopedgroupauth.examples.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written byte for byte, so that a test can send what a browser or HttpClient would
 * normalize or refuse: {@code ..} segments, encoded dots, another {@code Host}.
 */
final class RawHttp {

    private RawHttp() {}

    /** The status line and headers of the answer to {@code method target} with this Host header. */
    static String head(String server, String method, String target, String host) throws IOException {
        URI uri = URI.create(server);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
            // A server that never answers fails the test instead of hanging it.
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            return end < 0 ? answer : answer.substring(0, end);
        }
    }
}
