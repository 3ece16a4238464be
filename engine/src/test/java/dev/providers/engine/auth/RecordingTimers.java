package dev.providers.engine.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A scheduler for login engines that records every delay it is asked for and runs the task at
 * once, after telling the test which scheduled task this is (so that the test, playing the user,
 * can act between polls). Only for engines that stream nothing: their timeouts would fire at
 * once too.
 */
final class RecordingTimers extends ScheduledThreadPoolExecutor {

    private final List<Duration> delays = new ArrayList<>();
    private final IntConsumer before;

    /** Creates the scheduler; {@code before} gets the 1-based number of each task as it runs. */
    RecordingTimers(IntConsumer before) {
        super(1, task -> {
            Thread thread = new Thread(task, "recording-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.before = before;
    }

    /** Returns the delays asked for, in order. */
    synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        int number;
        synchronized (this) {
            delays.add(Duration.ofNanos(unit.toNanos(delay)));
            number = delays.size();
        }
        return super.schedule(() -> {
            before.accept(number);
            command.run();
        }, 0, TimeUnit.NANOSECONDS);
    }
}
