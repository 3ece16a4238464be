package dev.providers.conformance.extension;

import dev.providers.conformance.api.Notebook;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

/**
 * Runs a test body on a thread of its own and gives up on it at its deadline, the way JUnit's
 * preemptive timeouts do: the streams the test started are cancelled (and later ones refused),
 * its thread is interrupted and given {@link #GRACE} to finish, then the test fails as timed
 * out whether or not its thread returned. A body that ignores both cancellation and interrupts
 * is left behind on a daemon thread rather than holding up the run.
 *
 * <p>Thread-safety: stateless; one call per test.
 */
final class DeadlineRunner {

    /** How long a test, and its cancelled streams, get to wind down after the deadline. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private DeadlineRunner() { }

    /**
     * Runs the invocation and returns when it did, or throws what it threw.
     *
     * @throws TestTimedOut when the deadline passed first, with the body's own failure (if it
     *     ended within the grace period) suppressed
     */
    static void run(Invocation<Void> invocation, TestDeadline deadline, Notebook notebook,
            String name) throws Throwable {
        CompletableFuture<@Nullable Void> done = new CompletableFuture<>();
        Thread body = new Thread(() -> {
            try {
                invocation.proceed();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, name);
        body.setDaemon(true);
        body.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        body.start();
        try {
            done.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw expire(done, body, notebook, deadline.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw expire(done, body, notebook, "interrupted");
        }
    }

    private static TestTimedOut expire(CompletableFuture<?> done, Thread body,
            Notebook notebook, String message) {
        notebook.expire(message);
        body.interrupt();
        TestTimedOut timedOut = new TestTimedOut(message);
        try {
            done.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            timedOut.addSuppressed(e.getCause());
        } catch (TimeoutException | InterruptedException ignored) {
            // the body is left behind; the timeout is the test's result either way
        }
        return timedOut;
    }
}
