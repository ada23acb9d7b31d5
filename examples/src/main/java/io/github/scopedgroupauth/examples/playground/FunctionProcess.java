package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scopedgroupauth.examples.playground.RuntimeApi.Answer;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.TriggerFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The function running under the official Lambda runtime interface client in a child JVM, started as the
 * managed {@code java21} runtime starts it ({@link RuntimeLaunch}), one event at a time. Like Lambda, it starts
 * a new runtime when the last one died or timed out; {@link #close()} ends the child and everything it started.
 */
final class FunctionProcess implements AutoCloseable {

    /** How long a cold runtime may take to ask for its first event. */
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TriggerFunction function;
    private final Path workDirectory;
    private volatile RuntimeApi api;
    private volatile Process process;
    private int starts;
    private volatile boolean closed;

    /**
     * @param workDirectory a private directory that this process's runtimes may use
     */
    FunctionProcess(TriggerFunction function, Path workDirectory) {
        this.function = function;
        this.workDirectory = workDirectory;
    }

    /** Starts the runtime now, so that the first sign-in does not wait for a cold start. */
    synchronized void start() throws IOException {
        if (process == null || !process.isAlive()) {
            stopRuntime();
            if (closed) {
                throw new IllegalStateException("the playground is stopping");
            }
            starts++;
            Path run = Files.createDirectory(workDirectory.resolve("runtime-" + starts));
            api = new RuntimeApi(function.timeout(), RuntimeLaunch.FUNCTION_ARN);
            process = RuntimeLaunch.processBuilder(function, api.address(), run)
                    .redirectOutput(run.resolve("function.log").toFile())
                    .redirectError(run.resolve("runtime.log").toFile())
                    .start();
        }
    }

    /**
     * Sends one event and waits for the answer, as Cognito does: an error when the function reports one, fails
     * to initialize, dies, or does not answer within its timeout.
     */
    synchronized Answer invoke(String event) {
        try {
            start();
            RuntimeApi runtimeApi = api;
            Process running = process;
            running.onExit().thenRun(() -> runtimeApi.fail(error("Runtime.ExitError", "the runtime exited")));
            RuntimeApi.Pending pending = runtimeApi.submit(event);
            // A cold runtime may take a while to ask; from then on, the function timeout counts, as in Lambda.
            CompletableFuture.anyOf(pending.handedOut(), pending.answer())
                    .get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return pending.answer().get(function.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failed("Sandbox.Timedout", "no answer within the function timeout of " + function.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("Runtime.Interrupted", "interrupted");
        } catch (IOException | ExecutionException e) {
            return failed("Runtime.StartError", "the runtime could not be started: " + e.getMessage());
        }
    }

    /** The runtime is ended after any failure, so that the next event starts a fresh one, as Lambda does. */
    private Answer failed(String type, String message) {
        stopRuntime();
        return error(type, message);
    }

    private static Answer error(String type, String message) {
        try {
            return new Answer(JSON.writeValueAsString(Map.of("errorType", type, "errorMessage", message)), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stopRuntime() {
        Process running = process;
        RuntimeApi runningApi = api;
        process = null;
        api = null;
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
            try {
                running.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (runningApi != null) {
            runningApi.close();
        }
    }

    /**
     * Ends the runtime and its Runtime API at once, even while an event waits (it then fails); later events fail.
     * Safe to call more than once and from a shutdown hook.
     */
    @Override
    public void close() {
        closed = true;
        stopRuntime();
    }
}
