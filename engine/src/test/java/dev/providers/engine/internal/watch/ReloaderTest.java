package dev.providers.engine.internal.watch;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload rules, step by step, without a watcher. */
class ReloaderTest {

    @TempDir
    Path dir;

    private Reloader reloader;
    private ProviderRegistry current;

    @BeforeEach
    void start() {
        reloader = new Reloader(dir, ProviderLoader.create());
        current = ProviderRegistry.empty();
    }

    static String provider(String id, String host, String... models) {
        StringBuilder yaml = new StringBuilder("id: " + id + "\nbaseUrl: http://" + host
                + ":1/v1\nmodels:\n");
        for (String model : models) {
            yaml.append("  - id: ").append(model).append('\n');
        }
        return yaml.toString();
    }

    private Reloader.Outcome reload() {
        Reloader.Outcome outcome = reloader.reload(current);
        if (outcome.registry() != null) {
            current = outcome.registry();
        }
        return outcome;
    }

    private String baseUrl(String id) {
        return current.provider(id).orElseThrow().baseUrl().toString();
    }

    /** A dialect no other test registers: this test registers it halfway. */
    private static final Dialect LATE = new Dialect() {
        @Override
        public String api() {
            return "test-late-dialect";
        }

        @Override
        public @Nullable String compatSchema() {
            return null;
        }

        @Override
        public DialectModel bind(ResolvedModel model) {
            throw new IllegalArgumentException("this test never streams");
        }
    };

    @Test
    void aFileRejectedForAnUnknownApiIsCheckedAgainOnceDialectsAreRegistered() {
        write(dir, "late.yaml", "id: late\napi: test-late-dialect\nbaseUrl: http://h:1/v1\n"
                + "models:\n  - id: m\n");
        write(dir, "other.yaml", provider("other", "h", "m"));
        Reloader.Outcome first = reload();
        assertTrue(current.provider("late").isEmpty());
        assertEquals(1, first.diagnostics().size(), first.diagnostics()::toString);
        assertTrue(first.diagnostics().get(0).message().startsWith("unknown api "
                + "'test-late-dialect'"), first.diagnostics()::toString);

        Dialects.register(LATE);
        Reloader.Outcome second = reload();
        assertNotNull(second.registry(), "the file that now names a known dialect is served");
        assertEquals("test-late-dialect", current.provider("late").orElseThrow().api());
        assertEquals(List.of(), second.diagnostics());
        assertEquals(1, second.parsed(), "only the rejected file is read again");

        Reloader.Outcome idle = reload();
        assertNull(idle.registry());
        assertEquals(0, idle.parsed());
    }

    @Test
    void onlyFilesWhoseBytesChangedAreParsedAgain() {
        for (int i = 0; i < 50; i++) {
            write(dir, "p" + i + ".yaml", provider("p" + i, "h" + i, "m"));
        }
        Reloader.Outcome first = reload();
        assertEquals(50, first.parsed());
        assertEquals(1, current.generation());

        Reloader.Outcome idle = reload();
        assertNull(idle.registry(), "a scan where nothing changed publishes nothing");
        assertEquals(50, idle.scanned());
        assertEquals(0, idle.parsed());

        write(dir, "p7.yaml", provider("p7", "moved", "m"));
        Reloader.Outcome one = reload();
        assertEquals(1, one.parsed());
        assertEquals(List.of(dir.resolve("p7.yaml").toString()), one.changedFiles());
        assertEquals(2, current.generation());
        assertEquals("http://moved:1/v1", baseUrl("p7"));
    }

    @Test
    void oldFilesWithUnchangedMetadataAreNotEvenRead() throws Exception {
        for (int i = 0; i < 20; i++) {
            Path file = write(dir, "p" + i + ".yaml", provider("p" + i, "h" + i, "m"));
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        }
        assertEquals(20, reload().read());
        Reloader.Outcome idle = reload();
        assertEquals(20, idle.scanned());
        assertEquals(0, idle.read(), "old, unchanged files are trusted by their metadata");
        write(dir, "p3.yaml", provider("p3", "moved", "m"));
        Reloader.Outcome one = reload();
        assertEquals(1, one.read());
        assertEquals("http://moved:1/v1", baseUrl("p3"));
    }

    @Test
    void aFileThatAgesWithoutChangingStopsBeingRead() throws Exception {
        Path file = write(dir, "a.yaml", provider("a", "one", "m"));
        assertEquals(1, reload().read());
        // the file ages past the racy window without a change: read once more, then trusted
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        Reloader.Outcome aged = reload();
        assertNull(aged.registry());
        assertEquals(1, aged.read());
        assertEquals(0, reload().read());
    }

    @Test
    void aRecentFileIsReadEvenWhenItsMetadataLooksUnchanged() throws Exception {
        // a second write within one timestamp tick keeps size and modification time
        Path file = write(dir, "a.yaml", provider("a", "one", "m"));
        FileTime tick = Files.getLastModifiedTime(file);
        reload();
        write(dir, "a.yaml", provider("a", "two", "m"));
        Files.setLastModifiedTime(file, tick);
        reload();
        assertEquals("http://two:1/v1", baseUrl("a"));
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionUntilFixed() {
        write(dir, "a.yaml", provider("a", "one", "m"));
        write(dir, "b.yaml", provider("b", "one", "m"));
        reload();
        write(dir, "a.yaml", "id: a\nbaseUrl: [not, a, url\n");
        write(dir, "b.yaml", provider("b", "two", "m"));
        Reloader.Outcome outcome = reload();
        assertNotNull(outcome.registry(), "b's change still applies");
        assertEquals("http://one:1/v1", baseUrl("a"));
        assertEquals("http://two:1/v1", baseUrl("b"));
        assertEquals(List.of(dir.resolve("a.yaml").toString()), outcome.rejectedFiles());
        assertTrue(outcome.rejected().get(0).format().contains("a.yaml:3:1: error: syntax"),
                outcome.rejected().toString());

        write(dir, "a.yaml", provider("a", "three", "m"));
        Reloader.Outcome fixed = reload();
        assertEquals(List.of(), fixed.rejectedFiles());
        assertEquals("http://three:1/v1", baseUrl("a"));
        assertEquals(List.of(), reloader.diagnostics());
    }

    @Test
    void aFileThatWasNeverValidStaysOut() {
        write(dir, "a.yaml", "id: a\n");
        Reloader.Outcome outcome = reload();
        assertTrue(current.provider("a").isEmpty());
        assertEquals(1, outcome.rejectedFiles().size());
        // the same broken bytes again: nothing to report twice
        assertEquals(List.of(), reload().rejectedFiles());
        assertFalse(reloader.diagnostics().isEmpty(), "but the problem is still known");
    }

    @Test
    void revertingToTheLastGoodBytesNeedsNoParse() {
        write(dir, "a.yaml", provider("a", "one", "m"));
        reload();
        write(dir, "a.yaml", "broken: [\n");
        reload();
        write(dir, "a.yaml", provider("a", "one", "m"));
        Reloader.Outcome back = reload();
        assertEquals(0, back.parsed());
        assertNull(back.registry(), "the registry never left the good version");
    }

    @Test
    void deletingAFileRemovesItsProviderAndRestoresABuiltin() throws Exception {
        ProviderSpec builtin = ProviderLoader.create().builtinProviders().get("ollama");
        write(dir, "ollama.yaml", "id: ollama\nbaseUrl: http://elsewhere:1/v1\n");
        write(dir, "mine.yaml", provider("mine", "h", "m"));
        reload();
        assertEquals("http://elsewhere:1/v1", baseUrl("ollama"));
        Files.delete(dir.resolve("ollama.yaml"));
        Files.delete(dir.resolve("mine.yaml"));
        Reloader.Outcome outcome = reload();
        assertNotNull(outcome.registry());
        assertEquals(builtin, current.provider("ollama").orElseThrow());
        assertTrue(current.provider("mine").isEmpty());
        assertEquals(2, outcome.changedFiles().size());
    }

    @Test
    void aNewcomerWithATakenIdIsRejectedWhateverItsName() {
        write(dir, "b.yaml", provider("shared", "incumbent", "m"));
        reload();
        write(dir, "a.yaml", provider("shared", "newcomer", "m"));
        Reloader.Outcome outcome = reload();
        assertEquals("http://incumbent:1/v1", baseUrl("shared"));
        assertEquals(List.of(dir.resolve("a.yaml").toString()), outcome.rejectedFiles());
        assertTrue(outcome.rejected().get(0).message().contains("is also declared in "
                + dir.resolve("b.yaml")), outcome.rejected().toString());
    }

    @Test
    void anEditThatClashesWithAnotherFileKeepsItsLastGoodVersion() {
        write(dir, "a.yaml", provider("a", "h", "m"));
        write(dir, "b.yaml", provider("b", "h", "m"));
        reload();
        write(dir, "b.yaml", provider("a", "clash", "m"));
        Reloader.Outcome outcome = reload();
        assertNull(outcome.registry(), "a keeps its id, b keeps its last good version");
        assertEquals("http://h:1/v1", baseUrl("a"));
        assertTrue(current.provider("b").isPresent());
        assertEquals(List.of(dir.resolve("b.yaml").toString()), outcome.rejectedFiles());
    }

    @Test
    void aMissingDirectoryServesTheBuiltinsAndIsFollowedWhenItAppears() throws Exception {
        Path later = dir.resolve("later");
        Reloader waiting = new Reloader(later, ProviderLoader.create());
        Reloader.Outcome empty = waiting.reload(ProviderRegistry.empty());
        assertNotNull(empty.registry());
        assertEquals(ProviderLoader.create().builtinProviders().size(),
                empty.registry().providers().size());
        write(later, "x.yaml", provider("x", "h", "m"));
        Reloader.Outcome appeared = waiting.reload(empty.registry());
        assertTrue(appeared.registry().provider("x").isPresent());
    }
}
