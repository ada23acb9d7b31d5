package io.github.scopedgroupauth.examples.playground;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sample frontend served as the README serves it, {@code java examples/frontend/Serve.java <folder> <port>},
 * from a private copy of the page's files with the playground's {@code config.json} beside them.
 */
final class PageServer implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Serving .* on (http://localhost:\\d+/)");

    private final Process process;
    private final Path folder;
    private final String url;

    /**
     * Copies the page and starts its server.
     *
     * @param sources the frontend folder, with Serve.java
     * @param folder a private, empty directory for the copy
     * @param port the port, 0 for a free one
     */
    PageServer(Path sources, Path folder, int port) throws IOException {
        this.folder = folder;
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(PageServer::isPageFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(
                        java.toString(),
                        sources.resolve("Serve.java").toString(),
                        folder.toString(),
                        Integer.toString(port)))
                .redirectErrorStream(true)
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = output.readLine();
        Matcher serving = SERVING.matcher(first == null ? "" : first);
        if (!serving.matches()) {
            close();
            throw new IllegalStateException("the sample frontend's Serve.java did not start on port " + port + ": "
                    + first + " (is the port taken? choose another with -Dplayground.pagePort)");
        }
        url = serving.group(1);
        // Keeps reading the request log, so that the server never blocks on a full pipe.
        Thread drain = new Thread(() -> output.lines().forEach(line -> {}), "playground-page-log");
        drain.setDaemon(true);
        drain.start();
    }

    private static boolean isPageFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && (name.endsWith(".html") || name.endsWith(".js") || name.endsWith(".css"));
    }

    /** Writes the page's config.json, which the server reads at each request. */
    void configure(String config) throws IOException {
        Files.writeString(folder.resolve("config.json"), config);
    }

    /** {@return the page's address, {@code http://localhost:<port>/}} */
    String url() {
        return url;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
