package dev.providers.engine.internal.watch;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.internal.config.DiagnosticOrder;
import dev.providers.engine.internal.config.FileParser;
import dev.providers.engine.internal.config.ProviderFile;
import dev.providers.engine.internal.config.RegistryAssembler;
import dev.providers.engine.registry.ProviderRegistry;
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
import org.jspecify.annotations.Nullable;

/**
 * Rescans a providers directory and builds the next registry, re-parsing only the files whose
 * bytes changed and keeping every file's last good version.
 *
 * <p>Rules: a file whose new bytes are invalid (on their own or next to the other files) is
 * replaced by its last good version, or left out if it never had one; a deleted file takes its
 * provider with it (a built-in it overrode comes back). When two files claim one id, the file
 * that already held it keeps it. A scan whose files all kept their digests changes nothing.
 *
 * <p>Thread-safety: {@link #reload} is synchronized; one reload runs at a time.
 */
public final class Reloader {

    private final Path directory;
    private final ProviderLoader loader;
    private final FileParser parser;
    private Map<Path, FileState> files = new HashMap<>();
    private final Map<ProviderFile, RegistryAssembler.Overlay> overlays = new IdentityHashMap<>();
    private Set<Path> accepted = Set.of();
    private List<Diagnostic> diagnostics = List.of();

    /**
     * How long a file's modification time must lie before a scan for its metadata to be trusted:
     * file systems keep timestamps in coarse ticks (jiffies on Linux, up to 2 s elsewhere), so
     * a file written again within one tick can keep its size and time. Recent files are always
     * read and hashed, as git does with "racily clean" index entries.
     */
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** What a stat says about a file; equal stamps of an old file mean equal bytes. */
    private record Stamp(long size, long modifiedNanos, @Nullable Object fileKey) { }

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
     */
    public record Outcome(@Nullable ProviderRegistry registry, List<Diagnostic> diagnostics,
            List<Diagnostic> rejected, List<String> rejectedFiles, List<String> changedFiles,
            int scanned, int read, int parsed, Set<Path> watchTargets) { }

    /** Creates a reloader for a directory, overlaying the loader's built-ins. */
    public Reloader(Path directory, ProviderLoader loader) {
        this.directory = directory;
        this.loader = loader;
        this.parser = loader.parser();
    }

    /** Returns every problem of the files as they were at the last scan. */
    public synchronized List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Rescans the directory and returns what changed relative to {@code current}. */
    public synchronized Outcome reload(ProviderRegistry current) {
        long scanStart = wallClockNanos();
        Map<Path, FileState> next = new HashMap<>();
        List<String> changed = new ArrayList<>();
        int scanned = 0;
        int read = 0;
        int parsed = 0;
        for (Path path : listFiles()) {
            Stamp stamp;
            try {
                BasicFileAttributes attributes = Files.readAttributes(path,
                        BasicFileAttributes.class);
                stamp = new Stamp(attributes.size(), attributes.lastModifiedTime()
                        .to(TimeUnit.NANOSECONDS), attributes.fileKey());
            } catch (IOException e) {
                continue; // vanished between listing and reading: the watcher reports it
            }
            boolean trusted = stamp.modifiedNanos() < scanStart - RACY_NANOS;
            FileState old = files.get(path);
            if (old != null && old.trusted && trusted && old.stamp.equals(stamp)) {
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
            if (old != null && old.digest.equals(digest)) {
                next.put(path, new FileState(stamp, trusted, old.digest, old.current,
                        old.lastGood));
                continue;
            }
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
        for (Path gone : files.keySet()) {
            if (!next.containsKey(gone)) {
                changed.add(gone.toString());
            }
        }
        changed.sort(null);
        if (changed.isEmpty() && current.generation() > 0) {
            return new Outcome(null, diagnostics, List.of(), List.of(), List.of(), scanned, read,
                    0, watchTargets(next.keySet()));
        }
        return assemble(current, next, changed, scanned, read, parsed);
    }

    private Outcome assemble(ProviderRegistry current, Map<Path, FileState> next,
            List<String> changed, int scanned, int read, int parsed) {
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
        diagnostics = List.copyOf(all);
        ProviderRegistry registry = last.registry();
        boolean differs = current.generation() == 0
                || !RegistryDiff.between(current, registry).isEmpty();
        return new Outcome(differs ? registry : null, diagnostics, rejected,
                List.copyOf(rejectedFiles), changed, scanned, read, parsed,
                watchTargets(next.keySet()));
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

    private List<Path> listFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try {
            return ProviderLoader.providerFiles(directory);
        } catch (UncheckedIOException e) {
            return List.of(); // deleted while listing: the watcher reports it and we rescan
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
