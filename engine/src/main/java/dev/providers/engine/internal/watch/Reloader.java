package dev.providers.engine.internal.watch;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.internal.config.DiagnosticOrder;
import dev.providers.engine.internal.config.DirectoryScan;
import dev.providers.engine.internal.config.FileParser;
import dev.providers.engine.internal.config.ProviderFile;
import dev.providers.engine.internal.config.RegistryAssembler;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spi.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Rescans a providers directory and builds the next registry, re-parsing only the files whose
 * bytes changed and keeping every file's last good version.
 *
 * <p>Rules: a file whose new bytes are invalid (on their own or next to the other files) is
 * replaced by its last good version, or left out if it never had one; a deleted file takes its
 * provider with it (a built-in it overrode comes back). When two files claim one id, the file
 * that already held it keeps it. A scan whose files all kept their digests changes nothing,
 * unless dialects were registered since the last scan: then every rejected file is checked
 * again.
 *
 * <p>Files still being written are not published. A file whose size, time or identity changes
 * while it is read is in flux; in a settling scan, so is a file with new bytes whose
 * modification time is less than the settle window old, until its stamp and bytes have stayed
 * the same for that window by the ticker (which also covers times in the future). Such a file
 * keeps its previous version in this scan and is named in {@link Outcome#unsettledFiles()}, so
 * that the caller rescans once it has been quiet.
 *
 * <p>Thread-safety: {@link #reload} is synchronized; one reload runs at a time.
 */
public final class Reloader {

    private final Path directory;
    private final ProviderLoader loader;
    private final FileParser parser;
    private final long settleNanos;
    private final LongSupplier ticker;
    private final LongSupplier wallClock;
    private Map<Path, FileState> files = new HashMap<>();
    private final Map<Path, Pending> pending = new HashMap<>();
    private final Map<ProviderFile, RegistryAssembler.Overlay> overlays = new IdentityHashMap<>();
    private Set<Path> accepted = Set.of();
    private List<Diagnostic> fileDiagnostics = List.of();
    private List<Diagnostic> skipped = List.of();
    private List<Diagnostic> diagnostics = List.of();
    private Set<String> dialects = Set.of();

    /**
     * How long a file's modification time must lie before a scan for its metadata to be trusted:
     * file systems keep timestamps in coarse ticks (jiffies on Linux, up to 2 s elsewhere), so
     * a file written again within one tick can keep its size and time. Recent files are always
     * read and hashed, as git does with "racily clean" index entries.
     */
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** What a stat says about a file; equal stamps of an old file mean equal bytes. */
    private record Stamp(long size, long modifiedNanos, @Nullable Object fileKey) { }

    /** New bytes waiting to settle: their stamp and digest, first seen at {@code since}. */
    private record Pending(Stamp stamp, String digest, long since) { }

    /** One file as last seen. */
    private record FileState(Stamp stamp, boolean trusted, String digest, ProviderFile current,
            @Nullable ProviderFile lastGood) {
    }

    /**
     * What one rescan found.
     *
     * @param registry the next snapshot, or null when nothing changed
     * @param diagnostics every problem of the files as they are now
     * @param rejected the problems of files whose new bytes were rejected in this scan
     * @param rejectedFiles those files
     * @param changedFiles files created, modified or deleted since the last scan
     * @param scanned provider files found (their metadata read)
     * @param read provider files whose bytes were read and hashed
     * @param parsed provider files parsed and validated
     * @param watchTargets directories holding the targets of symlinked provider files
     * @param unsettledFiles files still being written, left as they were: rescan after a quiet
     *     period
     */
    public record Outcome(@Nullable ProviderRegistry registry, List<Diagnostic> diagnostics,
            List<Diagnostic> rejected, List<String> rejectedFiles, List<String> changedFiles,
            int scanned, int read, int parsed, Set<Path> watchTargets,
            List<String> unsettledFiles) { }

    /** Creates a reloader for a directory, overlaying the loader's built-ins, that never waits. */
    public Reloader(Path directory, ProviderLoader loader) {
        this(directory, loader, 0, System::nanoTime, Reloader::wallClockNanos);
    }

    /**
     * Creates a reloader whose settling scans hold back new bytes younger than {@code settle}
     * (see the class note); {@code ticker} measures waits, {@code wallClock} gives the epoch
     * nanoseconds that modification times are compared with.
     */
    public Reloader(Path directory, ProviderLoader loader, long settleNanos, LongSupplier ticker,
            LongSupplier wallClock) {
        this.directory = directory;
        this.loader = loader;
        this.parser = loader.parser();
        this.settleNanos = settleNanos;
        this.ticker = ticker;
        this.wallClock = wallClock;
    }

    /** Returns every problem of the files as they were at the last scan. */
    public synchronized List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Rescans without settling: publishes the files as they are now. */
    public Outcome reload(ProviderRegistry current) {
        return reload(current, false);
    }

    /**
     * Rescans the directory and returns what changed relative to {@code current}; a settling
     * scan holds back files written too recently (see the class note).
     */
    public synchronized Outcome reload(ProviderRegistry current, boolean settle) {
        long scanStart = wallClock.getAsLong();
        Map<Path, FileState> next = new HashMap<>();
        List<String> changed = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        Set<String> nowDialects = Dialects.ids();
        // a file rejected for an unknown api may be valid once its dialect is registered
        boolean newDialects = !nowDialects.equals(dialects);
        dialects = nowDialects;
        DirectoryScan scan = listFiles();
        List<Path> listed = scan.files();
        boolean skippedChanged = !scan.skipped().equals(skipped);
        skipped = scan.skipped();
        int scanned = 0;
        int read = 0;
        int parsed = 0;
        for (Path path : listed) {
            Stamp stamp = stamp(path);
            if (stamp == null) {
                continue; // vanished or no longer a regular file: the watcher reports it
            }
            boolean trusted = stamp.modifiedNanos() < scanStart - RACY_NANOS;
            FileState old = files.get(path);
            boolean recheck = newDialects && old != null && !old.current.isValid();
            if (old != null && !recheck && old.trusted && trusted && old.stamp.equals(stamp)) {
                scanned++;
                next.put(path, old);
                continue;
            }
            byte[] bytes;
            String digest;
            try {
                bytes = FileParser.readBytes(path);
                digest = FileParser.digest(bytes);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                bytes = null;
                digest = "unreadable:" + e.getClass().getName();
            }
            scanned++;
            read++;
            if (bytes != null && !stamp.equals(stamp(path))) {
                // written while we read it: these bytes may be any mix of old and new
                holdBack(path, old, next, unsettled);
                continue;
            }
            if (old != null && !recheck && old.digest.equals(digest)) {
                pending.remove(path);
                next.put(path, new FileState(stamp, trusted, old.digest, old.current,
                        old.lastGood));
                continue;
            }
            if (settle && bytes != null && !settled(path, stamp, digest)) {
                holdBack(path, old, next, unsettled);
                continue;
            }
            pending.remove(path);
            changed.add(path.toString());
            ProviderFile lastGood = old == null ? null : old.lastGood;
            ProviderFile file;
            if (bytes == null) {
                file = FileParser.unreadable(path.toString());
            } else if (lastGood != null && lastGood.digest().equals(digest)) {
                file = lastGood;
            } else {
                file = parser.parse(path.toString(), path.getFileName().toString(), bytes);
                parsed++;
            }
            next.put(path, new FileState(stamp, trusted, digest, file, lastGood));
        }
        pending.keySet().retainAll(new HashSet<>(listed));
        for (Path gone : files.keySet()) {
            if (!next.containsKey(gone)) {
                changed.add(gone.toString());
            }
        }
        changed.sort(null);
        unsettled.sort(null);
        if (changed.isEmpty() && current.generation() > 0) {
            files = next; // same contents; keeps stamps that have since become trustworthy
            if (skippedChanged) {
                diagnostics = withSkipped(fileDiagnostics, next.keySet());
            }
            return new Outcome(null, diagnostics, List.of(), List.of(), List.of(), scanned, read,
                    0, watchTargets(next.keySet()), unsettled);
        }
        return assemble(current, next, changed, scanned, read, parsed, unsettled);
    }

    /** Returns what a stat of the file's target says, or null when it is gone or not regular. */
    private static @Nullable Stamp stamp(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path,
                    BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return null; // a FIFO or device swapped in after listing: never opened
            }
            return new Stamp(attributes.size(), attributes.lastModifiedTime()
                    .to(TimeUnit.NANOSECONDS), attributes.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    /** Leaves a file in flux as it was in the last scan (absent if it is new). */
    private static void holdBack(Path path, @Nullable FileState old, Map<Path, FileState> next,
            List<String> unsettled) {
        if (old != null) {
            next.put(path, old);
        }
        unsettled.add(path.toString());
    }

    /**
     * Returns whether new bytes may be published: their file was last modified a settle window
     * ago, or they have kept their stamp and digest for a settle window of ticker time.
     */
    private boolean settled(Path path, Stamp stamp, String digest) {
        if (wallClock.getAsLong() - stamp.modifiedNanos() >= settleNanos) {
            return true;
        }
        long now = ticker.getAsLong();
        Pending seen = pending.get(path);
        if (seen != null && seen.stamp().equals(stamp) && seen.digest().equals(digest)) {
            return now - seen.since() >= settleNanos;
        }
        pending.put(path, new Pending(stamp, digest, now));
        return false;
    }

    private Outcome assemble(ProviderRegistry current, Map<Path, FileState> next,
            List<String> changed, int scanned, int read, int parsed, List<String> unsettled) {
        // files that held their ids in the last generation keep them against newcomers
        List<Path> order = new ArrayList<>(next.keySet());
        order.sort(Comparator.comparing((Path p) -> !accepted.contains(p))
                .thenComparing(Comparator.naturalOrder()));
        Map<Path, ProviderFile> candidates = new HashMap<>();
        for (Path path : order) {
            FileState state = next.get(path);
            ProviderFile candidate = state.current.isValid() ? state.current : state.lastGood;
            if (candidate != null) {
                candidates.put(path, candidate);
            }
        }
        long generation = current.generation() + 1;
        RegistryAssembler.Assembly first = assemble(order, candidates, generation);
        RegistryAssembler.Assembly last = first;
        Set<Path> fallbacks = new HashSet<>();
        for (Path path : order) {
            FileState state = next.get(path);
            if (first.rejected().contains(path.toString()) && candidates.get(path) == state.current
                    && state.lastGood != null && state.lastGood != state.current) {
                candidates.put(path, state.lastGood);
                fallbacks.add(path);
            }
        }
        if (!fallbacks.isEmpty()) {
            last = assemble(order, candidates, generation);
        }

        Set<Path> nowAccepted = new HashSet<>();
        Map<Path, FileState> updated = new HashMap<>();
        for (Path path : order) {
            FileState state = next.get(path);
            ProviderFile candidate = candidates.get(path);
            boolean ok = candidate != null && !last.rejected().contains(path.toString());
            if (ok) {
                nowAccepted.add(path);
            }
            ProviderFile lastGood = ok && candidate == state.current ? state.current
                    : state.lastGood;
            updated.put(path, new FileState(state.stamp, state.trusted, state.digest,
                    state.current, lastGood));
        }

        List<Path> byName = order.stream().sorted().toList();
        List<Diagnostic> all = new ArrayList<>();
        for (Path path : byName) {
            all.addAll(next.get(path).current.diagnostics());
        }
        all.addAll(first.diagnostics());
        DiagnosticOrder.sort(all, byName.stream().map(Path::toString).toList());
        Set<String> changedSet = new HashSet<>(changed);
        Set<String> rejectedFiles = new LinkedHashSet<>();
        for (Path path : byName) {
            FileState state = next.get(path);
            boolean rejected = !state.current.isValid()
                    || first.rejected().contains(path.toString());
            if (rejected && changedSet.contains(path.toString())) {
                rejectedFiles.add(path.toString());
            }
        }
        List<Diagnostic> rejected = new ArrayList<>();
        for (Diagnostic d : all) {
            if (rejectedFiles.contains(d.source())) {
                rejected.add(d);
            }
        }

        files = updated;
        accepted = nowAccepted;
        // keep only the overlays of files that can still be assembled
        Set<ProviderFile> live = Collections.newSetFromMap(new IdentityHashMap<>());
        for (FileState state : updated.values()) {
            live.add(state.current);
            if (state.lastGood != null) {
                live.add(state.lastGood);
            }
        }
        overlays.keySet().retainAll(live);
        fileDiagnostics = List.copyOf(all);
        diagnostics = withSkipped(fileDiagnostics, next.keySet());
        ProviderRegistry registry = last.registry();
        boolean differs = current.generation() == 0
                || !RegistryDiff.between(current, registry).isEmpty();
        return new Outcome(differs ? registry : null, diagnostics, rejected,
                List.copyOf(rejectedFiles), changed, scanned, read, parsed,
                watchTargets(next.keySet()), unsettled);
    }

    /** Returns the files' diagnostics with the warnings about entries that were skipped. */
    private List<Diagnostic> withSkipped(List<Diagnostic> ofFiles, Set<Path> files) {
        if (skipped.isEmpty()) {
            return ofFiles;
        }
        List<Diagnostic> all = new ArrayList<>(ofFiles);
        all.addAll(skipped);
        DiagnosticOrder.sort(all, files.stream().sorted().map(Path::toString).toList());
        return List.copyOf(all);
    }

    private RegistryAssembler.Assembly assemble(List<Path> order,
            Map<Path, ProviderFile> candidates, long generation) {
        List<ProviderFile> list = new ArrayList<>();
        for (Path path : order) {
            ProviderFile file = candidates.get(path);
            if (file != null) {
                list.add(file);
            }
        }
        return RegistryAssembler.assemble(loader.builtinProviders(), list, generation, overlays);
    }

    private static long wallClockNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    private DirectoryScan listFiles() {
        if (!Files.isDirectory(directory)) {
            return new DirectoryScan(List.of(), List.of());
        }
        try {
            return DirectoryScan.of(directory);
        } catch (UncheckedIOException e) {
            // deleted while listing: the watcher reports it and we rescan
            return new DirectoryScan(List.of(), List.of());
        }
    }

    private Set<Path> watchTargets(Set<Path> paths) {
        Set<Path> targets = new HashSet<>();
        for (Path path : paths) {
            if (Files.isSymbolicLink(path)) {
                try {
                    Path parent = path.toRealPath().getParent();
                    if (parent != null) {
                        targets.add(parent);
                    }
                } catch (IOException e) {
                    // dangling now: the next scan drops it
                }
            }
        }
        return targets;
    }
}
