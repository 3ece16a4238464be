package dev.providers.conformance.containers;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.testcontainers.containers.Container;

/**
 * Pulls a model into a running Ollama container with {@code ollama pull}, within a time limit.
 *
 * <p>Testcontainers' exec has no timeout, so it runs on a helper thread; when the limit passes
 * the caller stops the container, which ends the exec.
 *
 * <p>Thread-safety: stateless.
 */
final class OllamaPull {

    /** Cursor and colour escapes of Ollama's progress display. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    private static final int MAX_MESSAGE = 300;

    private OllamaPull() { }

    /**
     * Pulls the model, or fails with what Ollama said.
     *
     * @throws IllegalStateException if the pull fails, cannot run or exceeds the timeout
     */
    static void pull(Container<?> container, String modelId, Duration timeout) {
        String command = "ollama pull " + modelId;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("no time left for '" + command + "' (the startup "
                    + "timeout was used up before the server answered)");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ollama-pull");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Container.ExecResult> exec = executor.submit(
                    () -> container.execInContainer("ollama", "pull", modelId));
            Container.ExecResult result;
            try {
                result = exec.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exec.cancel(true);
                throw new IllegalStateException("'" + command + "' did not finish within "
                        + timeout.toSeconds() + " s; allow more time or choose a smaller model");
            }
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("'" + command + "' failed (exit "
                        + result.getExitCode() + "): " + lastMessage(result.getStderr()
                        + "\n" + result.getStdout()));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("'" + command + "' could not run: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during '" + command + "'", e);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Returns the last non-blank line of Ollama's output without terminal escapes (where it puts
     * its "Error: ..." line), or a placeholder when it printed nothing.
     */
    static String lastMessage(String output) {
        String[] lines = ANSI.matcher(output).replaceAll("").split("[\r\n]+");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "…";
            }
        }
        return "(no output)";
    }
}
