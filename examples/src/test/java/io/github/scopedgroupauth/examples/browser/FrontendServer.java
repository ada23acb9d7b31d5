package io.github.scopedgroupauth.examples.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README's way of serving the page, {@code java examples/frontend/Serve.java <folder> <port>}, run on a
 * copy of the page's files (so that the test's config.json never lands in the source folder) on a free port,
 * with the Java options a test gives.
 */
final class FrontendServer implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Serving .* on (http://localhost:\\d+/)");

    private final Process process;
    private final Path folder;
    private final String url;

    FrontendServer(Path sources, Path folder) throws IOException {
        this(sources, folder, List.of());
    }

    FrontendServer(Path sources, Path folder, List<String> javaOptions) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(FrontendServer::isPageFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(javaOptions);
        command.addAll(List.of(sources.resolve("Serve.java").toString(), folder.toString(), "0"));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = output.readLine();
        Matcher serving = SERVING.matcher(first == null ? "" : first);
        if (!serving.matches()) {
            process.destroy();
            throw new IllegalStateException("Serve.java did not start: " + first);
        }
        url = serving.group(1);
        // Keeps reading the request log, so that the server never blocks on a full pipe.
        Thread drain = new Thread(() -> output.lines().forEach(line -> {}), "frontend-server-log");
        drain.setDaemon(true);
        drain.start();
    }

    private static boolean isPageFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".html") || name.endsWith(".js") || name.endsWith(".css");
    }

    /** The page's address, {@code http://localhost:<port>/}: its callback and logout URL. */
    String url() {
        return url;
    }

    /** The folder served. */
    Path folder() {
        return folder;
    }

    /** How many threads the server's process has now, as Linux counts them. */
    long threads() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            return tasks.count();
        }
    }

    /** Writes a file next to the page, or removes it when the content is null. */
    void file(String name, String content) {
        try {
            if (content == null) {
                Files.deleteIfExists(folder.resolve(name));
            } else {
                Files.writeString(folder.resolve(name), content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
