package dev.providers.engine.registry;

import static dev.providers.engine.config.ProviderDirs.write;
import static dev.providers.engine.registry.EventRecorder.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written in two pieces a few milliseconds apart is never served as its first half,
 * which is valid on its own: with a short quiet period or frequent polling it used to be
 * (68,237 torn reads at a 1 ms debounce).
 */
class TornWritesTest {

    private static final int WRITES = 20;

    @TempDir
    Path dir;

    @Test
    void aQuietPeriodBelowTheMinimumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiveRegistry.builder(dir).debounce(Duration.ofMillis(1)));
        assertEquals("debounce must be at least 50 ms, or files still being written could be "
                + "served; was 1 ms", e.getMessage());
    }

    @Test
    void frequentPollsNeverPublishAHalfWrittenFile() throws Exception {
        EventRecorder events = new EventRecorder();
        Path file = write(dir, "a.yaml", LiveRegistryTest.provider("a", "h0", "m1", "m2"));
        try (LiveRegistry live = LiveRegistry.builder(dir).watch(false)
                // the default quiet period: the writer's 2 ms pause must stay below it even when a
            // busy machine deschedules the writer (at the 50 ms minimum a stall could tear)
            .pollInterval(Duration.ofMillis(2)).debounce(Duration.ofMillis(200))
                .loader(ProviderLoader.withoutBuiltins()).listener(events).start()) {
            for (int i = 1; i <= WRITES; i++) {
                byte[] full = LiveRegistryTest.provider("a", "h" + i, "m1", "m2")
                        .getBytes(StandardCharsets.UTF_8);
                int cut = new String(full, StandardCharsets.UTF_8).indexOf("  - id: m2");
                try (OutputStream out = Files.newOutputStream(file)) {
                    out.write(full, 0, cut); // a provider with model m1 alone: valid
                    out.flush();
                    Thread.sleep(2); // the writer's pause between its two pieces
                    out.write(full, cut, full.length - cut);
                }
                String host = "h" + i;
                await(() -> live.current().provider("a").map(p -> p.baseUrl().getHost())
                        .equals(Optional.of(host)), "write " + host);
            }
            // the listener hears of the last generation a moment after it is served
            await(() -> events.changes.size() >= WRITES, "every write published");
        }
        for (RegistryChange change : events.changes) {
            ProviderSpec a = change.registry().provider("a").orElseThrow();
            assertEquals(List.of("m1", "m2"), a.models().stream().map(ModelSpec::id).toList(),
                    "generation " + change.generation() + " served a half-written file");
        }
    }
}
