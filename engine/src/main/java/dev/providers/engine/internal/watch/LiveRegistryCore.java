package dev.providers.engine.internal.watch;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.ProviderConfigException;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.RegistryChange;
import dev.providers.engine.registry.RegistryListener;
import dev.providers.engine.registry.RegistryRejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The machinery behind {@code LiveRegistry}: one reloader, a watcher and a poller that signal a
 * debouncer, the snapshot in force, and the listener dispatcher.
 *
 * <p>Thread-safety: reloads are serialized by the reloader; the snapshot is an atomic reference,
 * so {@link #current()} never blocks and never sees a half-built registry.
 */
public final class LiveRegistryCore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LiveRegistryCore.class.getName());

    /** The settings of one live registry. */
    public record Settings(Path directory, ProviderLoader loader, Duration debounce,
            Duration maxDelay, boolean watch, Duration pollInterval, boolean strict,
            ScheduledExecutorService scheduler, LongSupplier ticker, LongSupplier wallClock,
            Executor listenerExecutor, ThreadFactory watcherThreads) { }

    private final Settings settings;
    private final Reloader reloader;
    private final ListenerDispatcher dispatcher;
    private final Debouncer debouncer;
    private final AtomicReference<ProviderRegistry> current =
            new AtomicReference<>(ProviderRegistry.empty());
    private final Object reloadLock = new Object();
    private @Nullable DirectoryWatcher watcher;
    private @Nullable ScheduledFuture<?> poller;
    private volatile boolean closed;

    public LiveRegistryCore(Settings settings) {
        this.settings = settings;
        this.reloader = new Reloader(settings.directory(), settings.loader(),
                settings.debounce().toNanos(), settings.ticker(), settings.wallClock());
        this.dispatcher = new ListenerDispatcher(settings.listenerExecutor());
        this.debouncer = new Debouncer(settings.scheduler(), settings.ticker(),
                settings.debounce().toNanos(), settings.maxDelay().toNanos(), this::reloadQuietly);
    }

    /**
     * Loads the directory and starts watching it.
     *
     * @throws ProviderConfigException in strict mode, when any file is invalid
     */
    public void start() {
        Reloader.Outcome first = reload(false).outcome();
        if (settings.strict() && first.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            close();
            throw new ProviderConfigException(first.diagnostics());
        }
        if (!settings.directory().toFile().isDirectory()) {
            LOG.log(Level.WARNING, "providers directory " + settings.directory()
                    + " does not exist yet; serving the built-ins until it appears");
        }
        if (settings.watch()) {
            try {
                DirectoryWatcher w = new DirectoryWatcher(settings.directory(), debouncer::signal,
                        settings.watcherThreads(), 250);
                w.watchTargets(first.watchTargets());
                w.start();
                watcher = w;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch " + settings.directory(), e);
            }
        }
        long poll = settings.pollInterval().toNanos();
        if (poll > 0) {
            poller = settings.scheduler().scheduleWithFixedDelay(this::reloadQuietly, poll, poll,
                    TimeUnit.NANOSECONDS);
        }
    }

    public ProviderRegistry current() {
        return current.get();
    }

    public void addListener(RegistryListener listener) {
        dispatcher.add(listener);
    }

    public void removeListener(RegistryListener listener) {
        dispatcher.remove(listener);
    }

    public List<Diagnostic> diagnostics() {
        return reloader.diagnostics();
    }

    /**
     * Rescans now, on the calling thread, without waiting for recent writes to settle; returns
     * the change it published, if any.
     */
    public Optional<RegistryChange> reloadNow() {
        return Optional.ofNullable(reload(false).change());
    }

    private void reloadQuietly() {
        if (closed) {
            return;
        }
        try {
            reload(true);
        } catch (Throwable e) {
            // whatever failed, this task must return normally: a periodic task that throws is
            // never run again, and the next edit has to be picked up
            LOG.log(Level.ERROR, "reloading " + settings.directory() + " failed ("
                    + e.getClass().getName() + "); keeping generation "
                    + current.get().generation() + " and retrying on the next change");
            // where it failed, at debug, without the message: that may quote a file's values
            Throwable trace = new Throwable(e.getClass().getName(), null, false, true) { };
            trace.setStackTrace(e.getStackTrace());
            LOG.log(Level.DEBUG, "reload failure", trace);
        }
    }

    /** One reload's outcome and the change it published, if any. */
    private record Result(Reloader.Outcome outcome, @Nullable RegistryChange change) { }

    private Result reload(boolean settle) {
        synchronized (reloadLock) {
            long start = settings.ticker().getAsLong();
            ProviderRegistry before = current.get();
            Reloader.Outcome outcome = reloader.reload(before, settle);
            if (!outcome.unsettledFiles().isEmpty() && !closed) {
                // files still being written: look again once they have been quiet
                debouncer.signal();
            }
            if (watcher != null) {
                watcher.watchTargets(outcome.watchTargets());
            }
            ProviderRegistry after = outcome.registry();
            RegistryChange change = null;
            if (after != null) {
                current.set(after);
                RegistryDiff diff = RegistryDiff.between(before, after);
                change = new RegistryChange(after, before.generation(),
                        diff.providersAdded(), diff.providersRemoved(), diff.providersChanged(),
                        diff.modelsAdded(), diff.modelsRemoved(), diff.modelsChanged(),
                        outcome.changedFiles(),
                        Duration.ofNanos(settings.ticker().getAsLong() - start),
                        outcome.scanned(), outcome.parsed());
                dispatcher.change(change);
            }
            if (!outcome.rejectedFiles().isEmpty()) {
                dispatcher.rejected(new RegistryRejection(outcome.rejected(),
                        outcome.rejectedFiles(), current.get().generation()));
            }
            return new Result(outcome, change);
        }
    }

    @Override
    public void close() {
        closed = true;
        debouncer.close();
        if (poller != null) {
            poller.cancel(false);
        }
        if (watcher != null) {
            watcher.close();
        }
    }
}
