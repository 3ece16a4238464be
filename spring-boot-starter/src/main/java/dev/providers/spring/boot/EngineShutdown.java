package dev.providers.spring.boot;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Lets the engine's streams in flight finish when the application stops: stopped after the web
 * server (whose own graceful shutdown lets requests finish first), it waits up to the grace
 * period for every open stream to end; the engine bean is closed afterwards, which ends any
 * stream still open with {@code aborted}.
 *
 * <p>Thread-safety: Spring calls it from one thread at a time.
 */
final class EngineShutdown implements SmartLifecycle {

    /** Stops after the web server's graceful shutdown and the web server itself. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final System.Logger LOG = System.getLogger(EngineShutdown.class.getName());

    private final InFlightStreams streams;
    private final Duration grace;
    private volatile boolean running;

    EngineShutdown(InFlightStreams streams, Duration grace) {
        this.streams = streams;
        this.grace = grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int open = streams.open();
        if (open == 0) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "waiting up to " + grace.toSeconds() + " s for "
                + open + " stream(s) in flight to finish");
        try {
            int left = streams.awaitNone(grace);
            if (left > 0) {
                LOG.log(System.Logger.Level.WARNING, left + " stream(s) still open after "
                        + grace.toSeconds() + " s; closing the engine aborts them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
