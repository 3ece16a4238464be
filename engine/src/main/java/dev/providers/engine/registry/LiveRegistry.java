package dev.providers.engine.registry;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.ProviderConfigException;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.internal.watch.LiveRegistryCore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A registry that follows a providers directory as it changes: every edit becomes a new
 * immutable generation within a fraction of a second, and a bad edit never takes anything down.
 *
 * <p>How it follows the directory: the JDK {@code WatchService} (and/or polling, for file systems
 * that deliver no events) signals; after a quiet period (200 ms by default, at least
 * {@link #MIN_DEBOUNCE}) the whole directory is rescanned; only files whose bytes changed are
 * parsed and validated again. New bytes are published only once the file has been left alone
 * for a quiet period (judged by its modification time, or, failing that, by seeing the same
 * bytes again a quiet period later) and did not change while it was read, so a file written in
 * pieces is never served half-written; writers that pause longer than the quiet period between
 * pieces should write a temporary file and rename it. A file whose new
 * bytes are invalid keeps its last good version in the registry (or stays out if it never had
 * one) while every other file's changes apply; listeners hear of the rejection with every located
 * error, and a fixed file is picked up by the next reload. Deleting a file removes its provider
 * and restores a built-in it overrode. A missing directory is waited for; a deleted and recreated
 * one is followed.
 *
 * <p>A request captures {@link #current()} when it starts, so a reload never changes a request
 * in flight.
 *
 * <p>Thread-safety: {@link #current()} is lock-free and may be called from any thread. Listeners
 * run on their own thread, in order, never on the watching or reloading thread.
 */
public final class LiveRegistry implements Supplier<ProviderRegistry>, AutoCloseable {

    /**
     * The shortest quiet period accepted: below it, a writer's pieces a few milliseconds apart
     * fall into separate reloads and a half-written file could be served.
     */
    public static final Duration MIN_DEBOUNCE = Duration.ofMillis(50);

    private final LiveRegistryCore core;
    private final Path directory;
    private final List<ExecutorService> owned;

    private LiveRegistry(LiveRegistryCore core, Path directory, List<ExecutorService> owned) {
        this.core = core;
        this.directory = directory;
        this.owned = owned;
    }

    /** Returns a builder for a live registry over {@code directory}. */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * Returns a started live registry over {@code directory} with the default settings (lenient
     * start, 200 ms quiet period, watching).
     */
    public static LiveRegistry start(Path directory) {
        return builder(directory).start();
    }

    /** Returns the directory this registry follows. */
    public Path directory() {
        return directory;
    }

    /** Returns the snapshot in force. */
    public ProviderRegistry current() {
        return core.current();
    }

    /** Returns the snapshot in force; the same as {@link #current()}. */
    @Override
    public ProviderRegistry get() {
        return core.current();
    }

    /** Adds a listener for later reloads. */
    public void addListener(RegistryListener listener) {
        core.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(RegistryListener listener) {
        core.removeListener(listener);
    }

    /** Returns every problem of the files as they were at the last reload. */
    public List<Diagnostic> diagnostics() {
        return core.diagnostics();
    }

    /**
     * Rescans the directory now, on the calling thread, and returns the change it published
     * (empty when nothing changed). Useful where events are unreliable and in tests.
     */
    public Optional<RegistryChange> reloadNow() {
        return core.reloadNow();
    }

    /** Stops watching and polling and releases the threads this registry created. */
    @Override
    public void close() {
        core.close();
        owned.forEach(ExecutorService::shutdownNow);
    }

    private static long wallClockNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    /**
     * Configures a live registry; single use.
     *
     * <p>Defaults: lenient start, watching with a 200 ms quiet period (bursts are coalesced for at
     * most 2 s), no polling, the built-in catalog, and the registry's own daemon threads.
     */
    public static final class Builder {

        private final Path directory;
        private ProviderLoader loader = ProviderLoader.create();
        private Duration debounce = Duration.ofMillis(200);
        private @Nullable Duration maxDelay;
        private boolean watch = true;
        private Duration pollInterval = Duration.ZERO;
        private boolean strict;
        private @Nullable ScheduledExecutorService scheduler;
        private LongSupplier ticker = System::nanoTime;
        private @Nullable Executor listenerExecutor;
        private final List<RegistryListener> listeners = new ArrayList<>();
        private boolean built;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** Sets the loader (built-ins or not). */
        public Builder loader(ProviderLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Sets the quiet period that coalesces a burst of events into one reload, and that a
         * file's new bytes must have been left alone before they are published (default 200 ms).
         *
         * @throws IllegalArgumentException if shorter than {@link #MIN_DEBOUNCE}
         */
        public Builder debounce(Duration quietPeriod) {
            if (quietPeriod.compareTo(MIN_DEBOUNCE) < 0) {
                throw new IllegalArgumentException("debounce must be at least "
                        + MIN_DEBOUNCE.toMillis() + " ms, or files still being written could be "
                        + "served; was " + quietPeriod.toMillis() + " ms");
            }
            this.debounce = quietPeriod;
            return this;
        }

        /**
         * Sets the longest a burst that never goes quiet may delay a reload (default 10 × quiet,
         * at least 2 s).
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positiveOrZero(maxDelay, "maxDelay");
            return this;
        }

        /** Sets whether to use the JDK WatchService (default true). */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * Also rescans at this interval, for file systems that deliver no events (network
         * mounts); zero (the default) turns polling off.
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positiveOrZero(interval, "pollInterval");
            return this;
        }

        /** Sets whether {@link #start()} fails when any file is invalid (default false). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Sets the scheduler that runs reloads (for tests); one thread keeps them serial. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Sets the nanosecond time source (for tests). */
        public Builder ticker(LongSupplier nanoTime) {
            this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** Sets the executor listeners run on; calls stay ordered whatever its threads. */
        public Builder listenerExecutor(Executor executor) {
            this.listenerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Adds a listener that also hears the initial load (generation 1 and its rejections). */
        public Builder listener(RegistryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Loads the directory, starts following it and returns the registry.
         *
         * @throws ProviderConfigException in strict mode, when any file is invalid
         * @throws IllegalStateException if neither watching nor polling is on, or on reuse
         */
        public LiveRegistry start() {
            if (built) {
                throw new IllegalStateException("this builder has already started a registry");
            }
            if (!watch && pollInterval.isZero()) {
                throw new IllegalStateException("with watch(false) a pollInterval is needed, or "
                        + "changes would never be seen");
            }
            built = true;
            List<ExecutorService> owned = new ArrayList<>();
            ScheduledExecutorService reloads = scheduler;
            if (reloads == null) {
                reloads = Executors.newSingleThreadScheduledExecutor(daemon("reload"));
                owned.add(reloads);
            }
            Executor events = listenerExecutor;
            if (events == null) {
                ExecutorService own = Executors.newSingleThreadExecutor(daemon("events"));
                owned.add(own);
                events = own;
            }
            Duration cap = maxDelay != null ? maxDelay
                    : Duration.ofMillis(Math.max(2000, debounce.toMillis() * 10));
            LiveRegistryCore core = new LiveRegistryCore(new LiveRegistryCore.Settings(directory,
                    loader, debounce, cap, watch, pollInterval, strict, reloads, ticker,
                    LiveRegistry::wallClockNanos, events, daemon("watch")));
            LiveRegistry registry = new LiveRegistry(core, directory, owned);
            listeners.forEach(core::addListener);
            try {
                core.start();
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
            return registry;
        }

        private static Duration positiveOrZero(Duration value, String name) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return value;
        }

        private ThreadFactory daemon(String role) {
            AtomicInteger count = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, "providers-registry-" + role + "-"
                        + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
