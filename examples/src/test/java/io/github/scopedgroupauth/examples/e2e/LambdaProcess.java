package io.github.scopedgroupauth.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The function running in a child JVM under the official runtime interface client, started the way the
 * managed {@code java21} runtime starts it, against a {@link RuntimeApiServer} of its own.
 *
 * <p>Every wait is bounded and ends early when the child exits or reports an init error; every failure is an
 * {@link AssertionError} whose message carries the child's stderr and stdout. {@link #close()} always ends the
 * child and its descendants.
 *
 * <pre>{@code
 * try (LambdaProcess lambda = LambdaProcess.start(function)) {
 *     InvocationResult result = lambda.invoke("{\"triggerSource\":\"TokenGeneration_HostedAuth\"}");
 * }
 * }</pre>
 */
public final class LambdaProcess implements AutoCloseable {

    /** How long {@link #invoke(String)} waits: enough for a cold JVM start on a slow machine. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 60;

    private final RuntimeApiServer api;
    private final Process process;
    private final long startNanos;
    private final List<String> command;
    private final Path workDirectory;
    private final ProcessOutput stdout;
    private final ProcessOutput stderr;
    private boolean closed;

    private LambdaProcess(RuntimeApiServer api, Process process, long startNanos, List<String> command,
            Path workDirectory) {
        this.api = api;
        this.process = process;
        this.startNanos = startNanos;
        this.command = List.copyOf(command);
        this.workDirectory = workDirectory;
        this.stdout = ProcessOutput.drain(process.getInputStream(), "stdout");
        this.stderr = ProcessOutput.drain(process.getErrorStream(), "stderr");
    }

    /**
     * Starts a Runtime API and the runtime. The runtime initializes the function at once, and then waits for
     * the first event.
     *
     * @param function the function to run
     * @return the running process; close it
     * @throws IOException if the API, the work directory or the child cannot be started
     */
    public static LambdaProcess start(LambdaFunction function) throws IOException {
        RuntimeInterfaceClient client = RuntimeInterfaceClient.fromTestClasspath();
        Path workDirectory = Files.createTempDirectory("lambda-process-");
        RuntimeApiServer api = null;
        try {
            api = RuntimeApiServer.start(function.functionArn(), function.timeout());
            List<String> command = ManagedRuntimeLaunch.command(function, client, workDirectory);
            ProcessBuilder builder = new ProcessBuilder(command)
                    // The RIC loads the function from its working directory (user.dir), not from LAMBDA_TASK_ROOT.
                    .directory(function.codeDirectory().toFile());
            builder.environment().clear();
            builder.environment().putAll(ManagedRuntimeLaunch.environment(function, api.address()));
            long startNanos = System.nanoTime();
            return new LambdaProcess(api, builder.start(), startNanos, command, workDirectory);
        } catch (IOException | RuntimeException e) {
            if (api != null) {
                api.close();
            }
            deleteRecursively(workDirectory);
            throw e;
        }
    }

    /**
     * Sends one event and waits up to {@link #DEFAULT_WAIT} for the function's answer.
     *
     * @param event the event JSON
     * @return the response or the error the function reported
     * @throws AssertionError if there is no answer in time, or the runtime exits or fails to initialize first
     */
    public InvocationResult invoke(String event) {
        return invoke(event, DEFAULT_WAIT);
    }

    /**
     * Sends one event and waits for the function's answer.
     *
     * @param event the event JSON
     * @param wait the longest wait
     * @return the response or the error the function reported
     * @throws AssertionError if there is no answer in time, or the runtime exits or fails to initialize first
     */
    public InvocationResult invoke(String event, Duration wait) {
        return await(api.submit(event), api.firstInitError(), wait, "answer to the event " + abbreviate(event));
    }

    /**
     * Waits until the runtime has initialized the function and asks for its first event.
     *
     * @param wait the longest wait
     * @return the time from starting the child JVM to that request
     * @throws AssertionError if the runtime exits or reports an init error first, or does not ask in time
     */
    public Duration awaitReady(Duration wait) {
        long nanos = await(api.firstNext(), api.firstInitError(), wait, "request for an event");
        return Duration.ofNanos(nanos - startNanos);
    }

    /**
     * Waits for the runtime to report an init error, as it does when the function's constructor throws.
     *
     * @param wait the longest wait
     * @return the first init (or restore) error
     * @throws AssertionError if the runtime exits without one, or none comes in time
     */
    public InitError awaitInitError(Duration wait) {
        CompletableFuture<InitError> initError = api.firstInitError();
        return await(initError, initError, wait, "init error");
    }

    /**
     * Waits for the runtime to exit by itself, as it does after an init error.
     *
     * @param wait the longest wait
     * @return the exit status
     * @throws AssertionError if it is still running after the wait
     */
    public int awaitExit(Duration wait) {
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the runtime to exit", e);
        }
        throw failure("the runtime did not exit within " + wait, null);
    }

    /**
     * The Runtime API this runtime talks to, for its recorded errors and timings.
     *
     * @return the server, closed with this process
     */
    public RuntimeApiServer runtimeApi() {
        return api;
    }

    /**
     * Time from starting the child JVM to the runtime's first request for an event: JVM start, RIC start and
     * the function's initialization.
     *
     * @return the duration, or empty if the runtime has not asked for an event yet
     */
    public Optional<Duration> timeToFirstNext() {
        return sinceStart(api.firstNextNanos());
    }

    /**
     * Time from starting the child JVM to the first response the function posted (not an error).
     *
     * @return the duration, or empty if no response has arrived yet
     */
    public Optional<Duration> timeToFirstResponse() {
        return sinceStart(api.firstResponseNanos());
    }

    /**
     * The child's standard output: the function's and the runtime's log lines (JSON, one per line).
     *
     * @return an immutable snapshot; complete once the process is closed
     */
    public List<String> stdoutLines() {
        return stdout.lines();
    }

    /**
     * The child's standard error: JVM warnings and crashes.
     *
     * @return an immutable snapshot; complete once the process is closed
     */
    public List<String> stderrLines() {
        return stderr.lines();
    }

    /**
     * What a failure message needs: the child's state and command, the tails of its stderr and stdout, and what
     * the Runtime API recorded.
     *
     * @return several lines of text
     */
    public String diagnostics() {
        String state = process.isAlive() ? "running" : "exited with status " + process.exitValue();
        return "--- runtime interface client, pid " + process.pid() + ", " + state + "\n"
                + "--- command: " + String.join(" ", command) + "\n"
                + stderr.tail(TAIL_LINES) + stdout.tail(TAIL_LINES)
                + "--- runtime API: init errors " + api.initErrors() + ", invocation errors "
                + api.invocationErrors() + ", rejected requests " + api.unexpectedRequests() + "\n";
    }

    /**
     * Ends the child JVM and anything it started, waits for it and for its output, then stops the Runtime API
     * and deletes the work directory. Safe to call more than once.
     *
     * @throws IllegalStateException if the child is still alive after a forced kill and a bounded wait
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            boolean ended = process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            stdout.awaitEnd(EXIT_WAIT);
            stderr.awaitEnd(EXIT_WAIT);
            if (!ended) {
                throw new IllegalStateException("the runtime interface client (pid " + process.pid()
                        + ") is still alive " + EXIT_WAIT.toSeconds() + " s after it was killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            api.close();
            deleteRecursively(workDirectory);
        }
    }

    private <T> T await(CompletableFuture<T> wanted, CompletableFuture<InitError> initError, Duration wait,
            String what) {
        CompletableFuture<Process> exit = process.onExit();
        try {
            CompletableFuture.anyOf(wanted, initError, exit).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure("no " + what + " within " + wait.toMillis() + " ms", null);
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
            throw failure("the function failed to initialize while waiting for the " + what + ": "
                    + initError.join(), null);
        }
        throw failure("the runtime exited with status " + process.exitValue() + " while waiting for the " + what,
                null);
    }

    private AssertionError failure(String message, Throwable cause) {
        if (!process.isAlive()) {
            try {
                // Let the readers catch up with the last words of a child that has died.
                stdout.awaitEnd(Duration.ofSeconds(2));
                stderr.awaitEnd(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new AssertionError(message + "\n" + diagnostics(), cause);
    }

    private Optional<Duration> sinceStart(OptionalLong nanos) {
        return nanos.isPresent() ? Optional.of(Duration.ofNanos(nanos.getAsLong() - startNanos)) : Optional.empty();
    }

    private static String abbreviate(String event) {
        String line = event.replaceAll("\\s+", " ").strip();
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the test result does not depend on it.
        }
    }
}
