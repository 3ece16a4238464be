package dev.providers.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops one started process and its descendants by handle, with bounded waits. */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Sends SIGTERM to the tree, then kills whatever is still alive after {@code grace}. */
    static void stop(Process process, Duration grace) {
        // snapshot first: once the parent is gone its children are no longer its descendants
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, grace);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : handles) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                // still escalate to a forced kill, but let the caller see the interrupt
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
