package io.github.scopedgroupauth.examples.e2e;

import io.github.scopedgroupauth.examples.e2e.RuntimeApiServer.InitError;
import io.github.scopedgroupauth.examples.e2e.RuntimeApiServer.InvocationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The function running in a child JVM under the official runtime interface client, started the way the
 * managed {@code java21} runtime starts it, against a {@link RuntimeApiServer} of its own.
 *
 * <p>Every wait is bounded by {@link #WAIT} and ends early when the child exits or reports an init error; every
 * failure is an {@link AssertionError} whose message carries {@link #diagnostics()}. {@link #close()} always
 * ends the child and its descendants.
 */
final class LambdaProcess implements AutoCloseable {

    /** The longest wait for the runtime: enough for a cold JVM start on a slow machine. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 60;

    private final RuntimeApiServer api;
    private final Process process;
    private final long startNanos;
    private final List<String> command;
    private final Path workDirectory;
    private List<String> stdoutAtClose;
    private List<String> stderrAtClose;

    private LambdaProcess(RuntimeApiServer api, ProcessBuilder builder, Path workDirectory) throws IOException {
        this.api = api;
        this.workDirectory = workDirectory;
        this.command = List.copyOf(builder.command());
        // Files rather than pipes: nothing to drain, and the output of a hung or dead child can always be read.
        builder.redirectOutput(workDirectory.resolve("stdout").toFile());
        builder.redirectError(workDirectory.resolve("stderr").toFile());
        this.startNanos = System.nanoTime();
        this.process = builder.start();
    }

    /**
     * Starts a Runtime API and the runtime, which initializes the function at once and then asks for an event.
     *
     * @throws IOException if the API, the work directory or the child cannot be started
     */
    static LambdaProcess start(LambdaFunction function) throws IOException {
        return start(
                function.timeout(),
                (runtimeApi, workDirectory) ->
                        ManagedRuntimeLaunch.processBuilder(function, runtimeApi, workDirectory));
    }

    /** How to start a runtime process against a Runtime API; the benchmarks also start other runtimes than Java. */
    @FunctionalInterface
    interface Launch {
        /**
         * The runtime's process, ready to start.
         *
         * @param runtimeApi the Runtime API's {@code host:port}
         * @param workDirectory a private, empty directory the process may use
         */
        ProcessBuilder processBuilder(String runtimeApi, Path workDirectory) throws IOException;
    }

    /**
     * Starts a Runtime API and a runtime process against it.
     *
     * @param functionTimeout the deadline of each event
     * @param launch how to start the process
     * @throws IOException if the API, the work directory or the child cannot be started
     */
    static LambdaProcess start(Duration functionTimeout, Launch launch) throws IOException {
        Path workDirectory = Files.createTempDirectory("lambda-process-");
        RuntimeApiServer api = null;
        try {
            api = new RuntimeApiServer(functionTimeout);
            return new LambdaProcess(api, launch.processBuilder(api.address(), workDirectory), workDirectory);
        } catch (IOException | RuntimeException e) {
            if (api != null) {
                api.close();
            }
            deleteRecursively(workDirectory);
            throw e;
        }
    }

    /** Sends one event and waits for the function's answer: its response or the error it reported. */
    InvocationResult invoke(String event) {
        return await(api.submit(event), "answer to the event " + abbreviate(event));
    }

    /** Waits until the runtime has initialized the function and asks for its first event. */
    void awaitReady() {
        await(api.firstNextNanos(), "request for an event");
    }

    /** Waits for the runtime to report an init error, as it does when the function's constructor throws. */
    InitError awaitInitError() {
        return await(api.firstInitError(), "init error");
    }

    /** Waits for the runtime to exit by itself, as it does after an init error, and returns its status. */
    int awaitExit() {
        try {
            if (process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the runtime to exit", e);
        }
        throw failure("the runtime did not exit within " + WAIT, null);
    }

    /** {@return the Runtime API this runtime talks to, for its recorded errors; closed with this process} */
    RuntimeApiServer runtimeApi() {
        return api;
    }

    /** {@return the time from starting the child JVM to its first request for an event, if there was one} */
    Optional<Duration> timeToFirstNext() {
        return sinceStart(api.firstNextNanos());
    }

    /** {@return the time from starting the child JVM to the first response (not error), if there was one} */
    Optional<Duration> timeToFirstResponse() {
        return sinceStart(api.firstResponseNanos());
    }

    /** {@return the child's standard output: the function's and the runtime's JSON log lines; all once closed} */
    List<String> stdoutLines() {
        return stdoutAtClose != null ? stdoutAtClose : read("stdout");
    }

    /**
     * What a failure message needs: the child's state and command, the tails of its stderr and stdout, and what
     * the Runtime API recorded.
     */
    String diagnostics() {
        String state = process.isAlive() ? "running" : "exited with status " + process.exitValue();
        return "--- runtime interface client, pid " + process.pid() + ", " + state + "\n"
                + "--- command: " + String.join(" ", command) + "\n"
                + tail("stderr", stderrAtClose != null ? stderrAtClose : read("stderr"))
                + tail("stdout", stdoutLines())
                + "--- runtime API: init errors " + api.initErrors() + ", invocation errors "
                + api.invocationErrors() + ", rejected requests " + api.unexpectedRequests() + "\n";
    }

    /**
     * Ends the child JVM and anything it started, keeps its output, stops the Runtime API and deletes the work
     * directory. Safe to call more than once.
     *
     * @throws IllegalStateException if the child is still alive after a forced kill and a bounded wait
     */
    @Override
    public void close() {
        if (stdoutAtClose != null) {
            return;
        }
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the runtime interface client (pid " + process.pid()
                        + ") is still alive " + EXIT_WAIT.toSeconds() + " s after it was killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stderrAtClose = read("stderr");
            stdoutAtClose = read("stdout");
            api.close();
            deleteRecursively(workDirectory);
        }
    }

    private <T> T await(CompletableFuture<T> wanted, String what) {
        CompletableFuture<InitError> initError = api.firstInitError();
        try {
            CompletableFuture.anyOf(wanted, initError, process.onExit()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure("no " + what + " within " + WAIT.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw failure("waiting for the " + what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the " + what, e);
        }
        if (wanted.isDone()) {
            return wanted.join();
        }
        if (initError.isDone()) {
            throw failure(
                    "the function failed to initialize while waiting for the " + what + ": " + initError.join(), null);
        }
        throw failure("the runtime exited with status " + process.exitValue() + " while waiting for the " + what, null);
    }

    private AssertionError failure(String message, Throwable cause) {
        return new AssertionError(message + "\n" + diagnostics(), cause);
    }

    private Optional<Duration> sinceStart(CompletableFuture<Long> nanos) {
        return Optional.ofNullable(nanos.getNow(null)).map(end -> Duration.ofNanos(end - startNanos));
    }

    private List<String> read(String stream) {
        try {
            // Decoded leniently: a running child may be in the middle of a character.
            return new String(Files.readAllBytes(workDirectory.resolve(stream)), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            return List.of("[reading " + stream + " failed: " + e + "]");
        }
    }

    private static String tail(String name, List<String> lines) {
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        String skipped = last.size() < lines.size() ? " (" + (lines.size() - last.size()) + " earlier lines)" : "";
        return "--- " + name + skipped + ":\n" + (last.isEmpty() ? "(nothing)" : String.join("\n", last)) + "\n";
    }

    private static String abbreviate(String event) {
        String line = event.replaceAll("\\s+", " ").strip();
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the test result does not depend on it.
        }
    }
}
