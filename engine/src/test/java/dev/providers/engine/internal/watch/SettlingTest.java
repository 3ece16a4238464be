package dev.providers.engine.internal.watch;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settling scans never publish a file still being written; time is injected, so no test waits.
 */
class SettlingTest {

    private static final long SETTLE = TimeUnit.MILLISECONDS.toNanos(50);

    @TempDir
    Path dir;

    private final AtomicLong ticker = new AtomicLong();
    private final AtomicLong wallClock = new AtomicLong();
    private Reloader reloader;
    private ProviderRegistry current;

    @BeforeEach
    void start() {
        reloader = new Reloader(dir, ProviderLoader.withoutBuiltins(), SETTLE, ticker::get,
                wallClock::get);
        current = reloader.reload(ProviderRegistry.empty()).registry();
    }

    private Reloader.Outcome settlingReload() {
        Reloader.Outcome outcome = reloader.reload(current, true);
        if (outcome.registry() != null) {
            current = outcome.registry();
        }
        return outcome;
    }

    /** Sets the wall clock to {@code millis} after the file's modification time. */
    private void clockAfterModification(Path file, long millis) throws Exception {
        wallClock.set(Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS)
                + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private List<String> models(String id) {
        return current.provider(id).orElseThrow().models().stream().map(ModelSpec::id).toList();
    }

    @Test
    void aFileWrittenInPiecesIsPublishedOnlyWhole() throws Exception {
        String full = "id: a\nbaseUrl: http://h:1/v1\nmodels:\n  - id: m1\n  - id: m2\n";
        int cut = full.indexOf("  - id: m2");
        Path file = write(dir, "a.yaml", full.substring(0, cut)); // valid on its own
        clockAfterModification(file, 2);
        Reloader.Outcome first = settlingReload();
        assertNull(first.registry(), "the first piece is 2 ms old: held back");
        assertEquals(List.of(file.toString()), first.unsettledFiles());

        Files.writeString(file, full.substring(cut), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        clockAfterModification(file, 1);
        ticker.addAndGet(SETTLE); // a quiet period after the first sighting, but new bytes
        assertNull(settlingReload().registry());

        clockAfterModification(file, 50);
        Reloader.Outcome whole = settlingReload();
        assertEquals(List.of(), whole.unsettledFiles());
        assertEquals(List.of("m1", "m2"), models("a"));
    }

    @Test
    void bytesSeenUnchangedForAQuietPeriodArePublishedWhateverTheirTime() throws Exception {
        // a modification time in the future (clock skew, copied archives) must not block
        Path file = write(dir, "a.yaml", "id: a\nbaseUrl: http://h:1/v1\nmodels: [{id: m}]\n");
        wallClock.set(TimeUnit.SECONDS.toNanos(Instant.now().getEpochSecond()));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
        assertEquals(List.of(file.toString()), settlingReload().unsettledFiles());
        ticker.addAndGet(SETTLE - 1);
        assertEquals(List.of(file.toString()), settlingReload().unsettledFiles());
        ticker.addAndGet(1);
        Reloader.Outcome published = settlingReload();
        assertEquals(List.of(), published.unsettledFiles());
        assertEquals(List.of("m"), models("a"));
    }

    @Test
    void anOldFileIsPublishedAtOnceAndAnEditKeepsTheLastVersionWhileItSettles()
            throws Exception {
        Path file = write(dir, "a.yaml", "id: a\nbaseUrl: http://one:1/v1\nmodels: [{id: m}]\n");
        clockAfterModification(file, 60_000);
        settlingReload();
        assertEquals("one", current.provider("a").orElseThrow().baseUrl().getHost());

        write(dir, "a.yaml", "id: a\nbaseUrl: http://two:1/v1\nmodels: [{id: m}]\n");
        clockAfterModification(file, 10);
        Reloader.Outcome held = settlingReload();
        assertNull(held.registry());
        assertEquals("one", current.provider("a").orElseThrow().baseUrl().getHost());
        clockAfterModification(file, 50);
        settlingReload();
        assertEquals("two", current.provider("a").orElseThrow().baseUrl().getHost());
    }

    @Test
    void reloadsThatDoNotSettlePublishWhatIsThere() throws Exception {
        Path file = write(dir, "a.yaml", "id: a\nbaseUrl: http://h:1/v1\nmodels: [{id: m}]\n");
        clockAfterModification(file, 1);
        Reloader.Outcome outcome = reloader.reload(current, false);
        assertEquals(List.of(), outcome.unsettledFiles());
        assertEquals(List.of("m"), outcome.registry().provider("a").orElseThrow().models()
                .stream().map(ModelSpec::id).toList());
    }
}
