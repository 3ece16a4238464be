package dev.providers.conformance.containers;

import java.time.Duration;
import java.util.function.Supplier;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;

/**
 * Waits for a server to answer like its wait strategy does, but gives up as soon as the container
 * has exited (a wrong argument, a model that does not load), instead of polling a dead port until
 * the startup timeout, which is half an hour for vLLM.
 *
 * <p>Thread-safety: one wait at a time, on the starting thread.
 */
final class UntilReadyOrExited implements WaitStrategy {

    /** How long each round of the underlying strategy may wait before the next exit check. */
    private static final Duration ROUND = Duration.ofSeconds(2);

    private final Supplier<WaitStrategy> strategy;
    private Duration timeout;

    /** Wraps a strategy made fresh for each round (strategies keep their own timeout). */
    UntilReadyOrExited(Supplier<WaitStrategy> strategy, Duration timeout) {
        this.strategy = strategy;
        this.timeout = timeout;
    }

    @Override
    public void waitUntilReady(WaitStrategyTarget target) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!target.isRunning()) {
                Long code = target.getCurrentContainerInfo().getState().getExitCodeLong();
                throw new ContainerLaunchException("the container exited"
                        + (code == null ? "" : " with code " + code) + " before the server "
                        + "answered");
            }
            try {
                strategy.get().withStartupTimeout(ROUND).waitUntilReady(target);
                return;
            } catch (ContainerLaunchException e) {
                if (System.nanoTime() >= deadline) {
                    throw new ContainerLaunchException("the server did not answer within "
                            + timeout.toSeconds() + " s", e);
                }
            }
        }
    }

    @Override
    public WaitStrategy withStartupTimeout(Duration startupTimeout) {
        this.timeout = startupTimeout;
        return this;
    }
}
