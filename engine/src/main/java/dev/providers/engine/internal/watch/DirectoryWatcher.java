package dev.providers.engine.internal.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Watches a providers directory with the JDK {@link WatchService} and calls back on any event;
 * what changed is left to a full rescan, because editors and Kubernetes rename and swap files in
 * ways that single events describe badly.
 *
 * <p>Also watches the directories that symlinked provider files point into, so that editing a
 * link's target is seen. A missing directory is waited for (rechecked every {@code recheck}); a
 * directory that is deleted and created again is registered again.
 *
 * <p>Thread-safety: one daemon thread owns the watch service; {@link #watchTargets} and
 * {@link #close} may be called from any thread. The callback must be quick (it signals a
 * debouncer).
 */
final class DirectoryWatcher implements Closeable {

    private static final System.Logger LOG = System.getLogger(DirectoryWatcher.class.getName());

    private final Path directory;
    private final Runnable onEvent;
    private final long recheckMillis;
    private final Thread thread;
    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private volatile Set<Path> targets = Set.of();
    private volatile boolean closed;

    DirectoryWatcher(Path directory, Runnable onEvent, ThreadFactory threads, long recheckMillis)
            throws IOException {
        this.directory = directory;
        this.onEvent = onEvent;
        this.recheckMillis = recheckMillis;
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = threads.newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** Sets the extra directories to watch (targets of symlinked files). */
    void watchTargets(Set<Path> directories) {
        targets = Set.copyOf(directories);
    }

    private void run() {
        while (!closed) {
            try {
                watchOnce();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return; // closing
            } catch (Throwable e) {
                // the thread must outlive any failure, or edits would go unseen for good
                LOG.log(Level.ERROR, "watching " + directory + " failed ("
                        + e.getClass().getName() + "); retrying in " + recheckMillis + " ms");
                try {
                    Thread.sleep(recheckMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Waits up to one recheck period for events; calls back when there were any. */
    private void watchOnce() throws InterruptedException {
        boolean appeared = syncRegistrations();
        if (appeared) {
            onEvent.run();
        }
        WatchKey key = service.poll(recheckMillis, TimeUnit.MILLISECONDS);
        boolean signalled = false;
        while (key != null) {
            key.pollEvents(); // drained: any event means "rescan"
            if (!key.reset()) {
                keys.values().remove(key);
            }
            signalled = true;
            key = service.poll();
        }
        if (signalled) {
            onEvent.run();
        }
    }

    /** Registers what exists and is not registered yet; returns whether the directory appeared. */
    private boolean syncRegistrations() {
        boolean appeared = false;
        if (!keys.containsKey(directory) && Files.isDirectory(directory)) {
            appeared = register(directory);
        }
        Set<Path> wanted = targets;
        keys.entrySet().removeIf(e -> {
            if (!e.getKey().equals(directory) && !wanted.contains(e.getKey())) {
                e.getValue().cancel();
                return true;
            }
            return false;
        });
        for (Path target : wanted) {
            if (!keys.containsKey(target) && Files.isDirectory(target)) {
                register(target);
            }
        }
        return appeared;
    }

    private boolean register(Path dir) {
        try {
            keys.put(dir, dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY,
                    OVERFLOW));
            return true;
        } catch (IOException e) {
            // gone again, or not watchable: polling still covers it
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            // nothing left to release
        }
        thread.interrupt();
    }
}
