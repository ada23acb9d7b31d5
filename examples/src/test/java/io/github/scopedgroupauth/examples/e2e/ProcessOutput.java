package io.github.scopedgroupauth.examples.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads one output stream of a child process on a daemon thread, so the child never blocks on a full pipe,
 * and keeps its last lines for assertions and failure messages.
 */
final class ProcessOutput {

    private static final int MAX_LINES = 5_000;

    private final String name;
    private final Deque<String> lines = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private long dropped;

    private ProcessOutput(String name) {
        this.name = name;
    }

    /**
     * Starts reading a stream until it ends.
     *
     * @param stream the child's stdout or stderr
     * @param name a name for the reader thread and for {@link #tail}
     * @return the reader
     */
    static ProcessOutput drain(InputStream stream, String name) {
        ProcessOutput output = new ProcessOutput(name);
        Thread reader = new Thread(() -> output.read(stream), "lambda-" + name);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    /**
     * The lines read so far, the oldest dropped beyond {@value #MAX_LINES}.
     *
     * @return an immutable snapshot
     */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The last lines, for a failure message.
     *
     * @param count how many lines at most
     * @return a titled block of text
     */
    synchronized String tail(int count) {
        List<String> all = List.copyOf(lines);
        List<String> last = all.subList(Math.max(0, all.size() - count), all.size());
        long skipped = dropped + all.size() - last.size();
        return "--- " + name + (skipped > 0 ? " (" + skipped + " earlier lines not shown)" : "") + ":\n"
                + (last.isEmpty() ? "(nothing)\n" : String.join("\n", last) + "\n");
    }

    /**
     * Waits until the stream has ended, which happens soon after the child exits.
     *
     * @param wait the longest wait
     * @return {@code true} if everything was read
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitEnd(Duration wait) throws InterruptedException {
        return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                add(line);
            }
        } catch (IOException e) {
            add("[reading " + name + " failed: " + e + "]");
        } finally {
            ended.countDown();
        }
    }

    private synchronized void add(String line) {
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line);
    }
}
