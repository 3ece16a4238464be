package dev.providers.bench;

import dev.providers.engine.registry.LiveRegistry;
import dev.providers.engine.registry.RegistryChange;
import dev.providers.engine.spec.ProviderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Hot reload: how long after a file is written the registry serves it (beyond the quiet
 * period), with 10 and 1,000 provider files; and what one reload costs when one file of 1,000
 * changed, including how many files it parsed.
 */
final class ReloadBenchmark {

    private static final Duration DEBOUNCE = Duration.ofMillis(100);
    private static final int LATENCY_SAMPLES = 150;
    private static final int RELOAD_SAMPLES = 100;

    private ReloadBenchmark() { }

    static void run(Path report) throws Exception {
        StringBuilder latency = new StringBuilder();
        for (int files : List.of(10, 1_000)) {
            latency.append(latencyRow(files));
        }
        String reloadRows = reloadCost(1_000);
        String text = "# Reload benchmark\n\n"
                + "Write-to-visible latency: an editor-style save (write a temp file, rename it "
                + "over the original) of one provider file, timed until `LiveRegistry.current()` "
                + "serves the new content; the quiet period (" + DEBOUNCE.toMillis() + " ms here) "
                + "is subtracted. Each file is a generated provider with 20 models. Targets: p99 "
                + "under 50 ms beyond the quiet period for one changed file among 1,000; no full "
                + "re-validation of unchanged files.\n\n"
                + "| | |\n|---|---|\n" + Machine.describe()
                + "\n## Write-to-visible latency beyond the quiet period (WatchService)\n\n"
                + "| files | samples | p50 | p99 | max |\n|---:|---:|---:|---:|---:|\n" + latency
                + "\n## One reload (`reloadNow()`) in a folder of 1,000 files\n\n"
                + "| case | p50 | p99 | files found | files parsed |\n|---|---:|---:|---:|---:|\n"
                + reloadRows
                + "\nA reload lists the folder and stats every file. A file is read and hashed when "
                + "its size, modification time or inode changed, or when it was modified within "
                + "3 s of the scan (timestamps are coarse, so a recent file may have changed "
                + "without its metadata showing it); only files whose bytes changed are parsed "
                + "and validated. The generated files are dated an hour back, as a deployed "
                + "folder would be.\n\nReproduce: `bench/run.sh reload`.\n";
        System.out.print(text);
        if (report != null) {
            Files.writeString(report, text);
        }
    }

    private static String latencyRow(int files) throws Exception {
        Path dir = Files.createTempDirectory("bench-reload");
        try {
            generateOld(dir, files);
            List<Double> beyond = new ArrayList<>();
            try (LiveRegistry live = LiveRegistry.builder(dir).debounce(DEBOUNCE).start()) {
                for (int i = 0; i < LATENCY_SAMPLES + 10; i++) {
                    String id = String.format("gen-%04d", (i * 7919) % files);
                    String host = "moved-" + i;
                    long start = System.nanoTime();
                    save(dir.resolve(id + ".yaml"), host);
                    awaitHost(live, id, host);
                    double ms = (System.nanoTime() - start) / 1e6 - DEBOUNCE.toMillis();
                    if (i >= 10) {
                        beyond.add(ms);
                    }
                }
            }
            beyond.sort(null);
            return String.format("| %,d | %d | %.1f ms | %.1f ms | %.1f ms |%n", files,
                    beyond.size(), percentile(beyond, 50), percentile(beyond, 99),
                    beyond.get(beyond.size() - 1));
        } finally {
            delete(dir);
        }
    }

    private static String reloadCost(int files) throws Exception {
        Path dir = Files.createTempDirectory("bench-reload");
        try {
            generateOld(dir, files);
            List<Double> changed = new ArrayList<>();
            List<Double> idle = new ArrayList<>();
            int read = 0;
            int parsed = 0;
            try (LiveRegistry live = LiveRegistry.builder(dir).watch(false)
                    .pollInterval(Duration.ofHours(1)).start()) {
                for (int i = 0; i < RELOAD_SAMPLES + 10; i++) {
                    save(dir.resolve(String.format("gen-%04d.yaml", i % files)), "cost-" + i);
                    long start = System.nanoTime();
                    RegistryChange change = live.reloadNow().orElseThrow();
                    double ms = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    if (live.reloadNow().isPresent()) {
                        throw new IllegalStateException("an idle rescan changed something");
                    }
                    double idleMs = (System.nanoTime() - start) / 1e6;
                    if (i >= 10) {
                        changed.add(ms);
                        idle.add(idleMs);
                        read = change.filesScanned();
                        parsed = change.filesParsed();
                    }
                }
            }
            changed.sort(null);
            idle.sort(null);
            return String.format("| one file changed | %.1f ms | %.1f ms | %,d | %d |%n",
                    percentile(changed, 50), percentile(changed, 99), read, parsed)
                    + String.format("| nothing changed (digests equal, no new generation) | %.1f ms "
                    + "| %.1f ms | %,d | 0 |%n", percentile(idle, 50), percentile(idle, 99), read);
        } finally {
            delete(dir);
        }
    }

    /** Generates the files and dates them an hour back, as a deployed folder would be. */
    private static void generateOld(Path dir, int files) throws IOException {
        LoaderBenchmark.generate(dir, files, LoaderBenchmark.MODELS);
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> all = Files.list(dir)) {
            for (Path file : all.toList()) {
                Files.setLastModifiedTime(file, hourAgo);
            }
        }
    }

    /** Saves like an editor: a temp file renamed over the original. */
    private static void save(Path file, String host) throws IOException {
        String text = Files.readString(file).replaceFirst("baseUrl: https://[^/]+/",
                "baseUrl: https://" + host + ".example/");
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitHost(LiveRegistry live, String id, String host) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String wanted = host + ".example";
        while (true) {
            Optional<ProviderSpec> p = live.current().provider(id);
            if (p.isPresent() && wanted.equals(p.get().baseUrl().getHost())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(id + " never moved to " + host);
            }
            LockSupport.parkNanos(50_000);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
