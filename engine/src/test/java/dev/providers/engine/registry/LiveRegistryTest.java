package dev.providers.engine.registry;

import static dev.providers.engine.config.ProviderDirs.write;
import static dev.providers.engine.registry.EventRecorder.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.ProviderConfigException;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ProviderSpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live registry against the real file system and WatchService: the ways real writers
 * change files, rejection and recovery, deletion, the ConfigMap swap and in-flight snapshots.
 * Waits are bounded polls, never fixed sleeps.
 */
class LiveRegistryTest {

    /** Long enough that a writer's steps (microseconds apart) always fall in one quiet period. */
    private static final Duration QUIET = Duration.ofMillis(150);

    @TempDir
    Path root;

    private Path dir;
    private LiveRegistry live;
    private final EventRecorder events = new EventRecorder();

    private LiveRegistry start(LiveRegistry.Builder builder) {
        live = builder.listener(events).start();
        return live;
    }

    private LiveRegistry start() {
        dir = root.resolve("providers.d");
        return start(LiveRegistry.builder(dir).debounce(QUIET));
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    static String provider(String id, String host, String... models) {
        StringBuilder yaml = new StringBuilder("id: " + id + "\nbaseUrl: http://" + host
                + ":1/v1\nmodels:\n");
        for (String model : models) {
            yaml.append("  - id: ").append(model).append('\n');
        }
        return yaml.toString();
    }

    private Optional<String> host(String id) {
        return live.current().provider(id).map(p -> p.baseUrl().getHost());
    }

    private void awaitHost(String id, String host) {
        await(() -> host(id).equals(Optional.of(host)), id + " at " + host);
    }

    /** Every generation published since the provider appeared had it at one of these hosts. */
    private void assertAlwaysPresent(String id, String... hosts) {
        List<String> allowed = List.of(hosts);
        boolean appeared = false;
        for (RegistryChange change : events.changes) {
            Optional<ProviderSpec> p = change.registry().provider(id);
            appeared |= p.isPresent();
            if (!appeared) {
                continue;
            }
            assertTrue(p.isPresent(), "generation " + change.generation() + " lost " + id);
            assertTrue(allowed.contains(p.get().baseUrl().getHost()),
                    "generation " + change.generation() + " served " + p.get().baseUrl());
        }
    }

    @Test
    void startsWithGenerationOneAndTellsListenersOffTheReloadThread() throws Exception {
        dir = Files.createDirectories(root.resolve("providers.d"));
        write(dir, "a.yaml", provider("a", "one", "m"));
        start();
        assertEquals(1, live.current().generation());
        RegistryChange first = events.awaitChange(c -> c.generation() == 1);
        assertTrue(first.providersAdded().contains("a"));
        assertEquals(List.of(dir.resolve("a.yaml").toString()), first.files());
        write(dir, "a.yaml", provider("a", "two", "m"));
        RegistryChange second = events.awaitChange(c -> c.generation() == 2);
        assertEquals(List.of("a"), second.providersChanged());
        assertEquals(1, second.filesScanned());
        assertEquals(1, second.filesParsed());
        assertEquals("~a", second.summary());
        for (String thread : events.threads) {
            assertTrue(thread.startsWith("providers-registry-events-"), thread);
        }
    }

    @Test
    void vimSave() throws Exception {
        // vim (backupcopy=no): probe file 4913, rename the original to a backup, write anew
        start();
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        Path file = dir.resolve("a.yaml");
        write(dir, "4913", "");
        Files.delete(dir.resolve("4913"));
        Files.move(file, dir.resolve("a.yaml~"));
        write(dir, "a.yaml", provider("a", "two", "m"));
        Files.delete(dir.resolve("a.yaml~"));
        awaitHost("a", "two");
        assertAlwaysPresent("a", "one", "two");
    }

    @Test
    void intellijSafeWrite() throws Exception {
        start();
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        write(dir, "a.yaml___jb_tmp___", provider("a", "two", "m"));
        Files.move(dir.resolve("a.yaml"), dir.resolve("a.yaml___jb_old___"));
        Files.move(dir.resolve("a.yaml___jb_tmp___"), dir.resolve("a.yaml"));
        Files.delete(dir.resolve("a.yaml___jb_old___"));
        awaitHost("a", "two");
        assertAlwaysPresent("a", "one", "two");
    }

    @Test
    void vsCodeAtomicRenameAndInPlaceWrite() throws Exception {
        start();
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        // files.saveAtomically-style: write a sibling temp file, rename over the original
        write(dir, ".a.yaml.tmp", provider("a", "two", "m"));
        Files.move(dir.resolve(".a.yaml.tmp"), dir.resolve("a.yaml"),
                StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        awaitHost("a", "two");
        // the default: truncate and write in place
        Files.writeString(dir.resolve("a.yaml"), provider("a", "three", "m"));
        awaitHost("a", "three");
        assertAlwaysPresent("a", "one", "two", "three");
    }

    @Test
    void aWriteThatArrivesInPiecesNeverServesTheHalfFile() throws Exception {
        start();
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        byte[] full = provider("a", "two", "m1", "m2").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(dir.resolve("a.yaml"))) {
            out.write(full, 0, 17); // "id: a\nbaseUrl: ht": invalid on its own
            out.flush();
            // longer than the quiet period: the half file is parsed, rejected, and masked
            await(() -> !events.rejections.isEmpty(), "the half file's rejection");
            out.write(full, 17, full.length - 17);
        }
        awaitHost("a", "two");
        assertEquals(List.of("m1", "m2"), live.current().provider("a").orElseThrow().models()
                .stream().map(m -> m.id()).toList());
        assertAlwaysPresent("a", "one", "two");
        assertEquals(List.of(dir.resolve("a.yaml").toString()), events.rejections.get(0).files());
    }

    @Test
    void copyingAndMovingManyFilesAtOnceIsOneReload() throws Exception {
        dir = Files.createDirectories(root.resolve("providers.d"));
        start(LiveRegistry.builder(dir).debounce(QUIET));
        Path staging = Files.createDirectories(root.resolve("staging"));
        for (int i = 0; i < 40; i++) {
            write(staging, "p" + i + ".yaml", provider("p" + i, "h", "m"));
        }
        long before = live.current().generation();
        try (var files = Files.list(staging)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        await(() -> live.current().provider("p39").isPresent(), "40 copied files");
        RegistryChange copied = events.awaitChange(c -> c.providersAdded().contains("p39"));
        assertEquals(40, copied.providersAdded().size(), "one generation for the whole burst");
        assertEquals(before + 1, copied.generation());

        Path moved = Files.createDirectories(root.resolve("moved"));
        for (int i = 0; i < 20; i++) {
            Files.move(dir.resolve("p" + i + ".yaml"), moved.resolve("p" + i + ".yaml"));
        }
        await(() -> live.current().provider("p0").isEmpty(), "20 files moved out");
        assertEquals(20, events.awaitChange(c -> c.providersRemoved().contains("p0"))
                .providersRemoved().size());
    }

    @Test
    void symlinkedFilesFollowTheirTargets() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path target = write(elsewhere, "real.yaml", provider("linked", "one", "m"));
        dir = Files.createDirectories(root.resolve("providers.d"));
        Files.createSymbolicLink(dir.resolve("linked.yaml"), target);
        start(LiveRegistry.builder(dir).debounce(QUIET));
        assertEquals(Optional.of("one"), host("linked"));
        // edit the target, outside the watched directory
        Files.writeString(target, provider("linked", "two", "m"));
        awaitHost("linked", "two");
        Files.delete(dir.resolve("linked.yaml"));
        await(() -> live.current().provider("linked").isEmpty(), "the link removed");
    }

    @Test
    void kubernetesConfigMapSwap() throws Exception {
        dir = Files.createDirectories(root.resolve("providers.d"));
        ConfigMap configMap = new ConfigMap(dir);
        configMap.publish(List.of("a.yaml", provider("a", "one", "m"),
                "b.yaml", provider("b", "one", "m")));
        start(LiveRegistry.builder(dir).debounce(QUIET));
        assertEquals(Optional.of("one"), host("a"));
        assertEquals(Optional.of("one"), host("b"));
        configMap.publish(List.of("a.yaml", provider("a", "two", "m"),
                "c.yaml", provider("c", "two", "m")));
        await(() -> host("a").equals(Optional.of("two")) && host("c").isPresent()
                && host("b").isEmpty(), "the swapped ConfigMap");
        for (RegistryChange change : events.changes) {
            assertTrue(change.registry().provider("a").isPresent());
        }
    }

    @Test
    void rejectionKeepsTheLastGoodVersionAndAFixIsPickedUp() throws Exception {
        start();
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        write(dir, "a.yaml", "id: a\nbaseUrl: http://two:1/v1\nmodels:\n  - id: m\n"
                + "    cost: {input: -1}\n");
        RegistryRejection rejection = events.awaitRejection(r -> true);
        assertEquals(List.of(dir.resolve("a.yaml") + ":5:19: error: /models/0/cost/input: must "
                + "be >= 0, found -1"), rejection.diagnostics().stream()
                .map(Diagnostic::format).toList());
        assertEquals(live.current().generation(), rejection.generationInForce());
        assertEquals(Optional.of("one"), host("a"));
        assertEquals(1, live.diagnostics().size());
        write(dir, "a.yaml", provider("a", "three", "m"));
        awaitHost("a", "three");
        await(() -> live.diagnostics().isEmpty(), "no problems left");
    }

    @Test
    void deletingAnOverrideRestoresTheBuiltin() throws Exception {
        ProviderSpec builtin = ProviderLoader.create().builtinProviders().get("groq");
        start();
        write(dir, "groq.yaml", "id: groq\nbaseUrl: http://proxy:1/v1\n");
        awaitHost("groq", "proxy");
        Files.delete(dir.resolve("groq.yaml"));
        await(() -> live.current().provider("groq").orElseThrow().equals(builtin),
                "the built-in back");
    }

    @Test
    void aMissingDirectoryIsWaitedForAndADeletedOneFollowed() throws Exception {
        start();
        assertFalse(Files.exists(dir));
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        Files.delete(dir.resolve("a.yaml"));
        Files.delete(dir);
        await(() -> live.current().provider("a").isEmpty(), "the directory gone");
        write(dir, "a.yaml", provider("a", "two", "m"));
        awaitHost("a", "two");
    }

    @Test
    void strictStartListsEveryProblem() throws Exception {
        dir = Files.createDirectories(root.resolve("providers.d"));
        write(dir, "a.yaml", "id: a\nbaseUrl: nope\nmodels: [{id: m}]\n");
        write(dir, "b.yaml", "id: b\nmodelz: []\n");
        ProviderConfigException e = assertThrows(ProviderConfigException.class,
                () -> LiveRegistry.builder(dir).strict(true).start());
        assertEquals(2, e.diagnostics().size());
        assertTrue(e.getMessage().contains("a.yaml:2:10: error: /baseUrl"), e.getMessage());
        assertTrue(e.getMessage().contains("b.yaml:2:1: error: unknown property 'modelz'"),
                e.getMessage());
    }

    @Test
    void lenientStartServesWhatIsValidAndReportsTheRest() throws Exception {
        dir = Files.createDirectories(root.resolve("providers.d"));
        write(dir, "good.yaml", provider("good", "h", "m"));
        write(dir, "bad.yaml", "id: bad\n");
        start(LiveRegistry.builder(dir).debounce(QUIET));
        assertTrue(live.current().provider("good").isPresent());
        RegistryRejection rejection = events.awaitRejection(r -> true);
        assertEquals(List.of(dir.resolve("bad.yaml").toString()), rejection.files());
        assertEquals(1, rejection.generationInForce());
    }

    @Test
    void aThrowingListenerAffectsNothingAndASlowOneStallsNoReload() throws Exception {
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger engineLog = java.util.logging.Logger.getLogger("dev.providers");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        engineLog.addHandler(capture);
        CountDownLatch release = new CountDownLatch(1);
        EventRecorder others = new EventRecorder();
        dir = root.resolve("providers.d");
        start(LiveRegistry.builder(dir).debounce(QUIET)
                .listener(new RegistryListener() {
                    @Override
                    public void onChange(RegistryChange change) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .listener(new RegistryListener() {
                    @Override
                    public void onChange(RegistryChange change) {
                        if (change.generation() == 2) {
                            try {
                                release.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                })
                .listener(others));
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        // generation 2's listener is blocked; reloads go on regardless
        write(dir, "a.yaml", provider("a", "two", "m"));
        awaitHost("a", "two");
        assertTrue(live.current().generation() >= 3);
        release.countDown();
        others.awaitChange(c -> c.generation() == live.current().generation());
        for (int i = 1; i < others.changes.size(); i++) {
            assertEquals(others.changes.get(i - 1).generation() + 1,
                    others.changes.get(i).generation(), "events arrive in order, none lost");
        }
        engineLog.removeHandler(capture);
        // the bug was logged once per event, as a warning naming the listener
        List<java.util.logging.LogRecord> bugs = logged.stream()
                .filter(r -> r.getMessage().startsWith("registry listener ")).toList();
        assertTrue(bugs.size() >= 3, logged::toString);
        assertEquals("listener bug", bugs.get(0).getThrown().getMessage());
    }

    @Test
    void aSnapshotTakenBeforeAReloadStaysAsItWas() throws Exception {
        start();
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        // what a request does when it starts: capture the snapshot and resolve its model
        ProviderRegistry inFlight = live.current();
        ResolvedModel model = inFlight.model(ModelRef.of("a", "m"));
        write(dir, "a.yaml", provider("a", "two", "other"));
        awaitHost("a", "two");
        assertEquals("one", model.baseUrl().getHost());
        assertEquals("one", inFlight.model(ModelRef.of("a", "m")).baseUrl().getHost());
        assertThrows(IllegalArgumentException.class,
                () -> live.current().model(ModelRef.of("a", "m")));
        assertEquals("two", live.current().model(ModelRef.of("a", "other")).baseUrl()
                .getHost());
    }

    @Test
    void pollingFindsChangesWithoutEvents() throws Exception {
        dir = root.resolve("providers.d");
        start(LiveRegistry.builder(dir).watch(false).pollInterval(Duration.ofMillis(50)));
        write(dir, "a.yaml", provider("a", "one", "m"));
        awaitHost("a", "one");
        write(dir, "a.yaml", provider("a", "two", "m"));
        awaitHost("a", "two");
    }

    @Test
    void reloadNowIsSynchronous() throws Exception {
        dir = root.resolve("providers.d");
        start(LiveRegistry.builder(dir).watch(false).pollInterval(Duration.ofHours(1)));
        write(dir, "a.yaml", provider("a", "one", "m"));
        RegistryChange change = live.reloadNow().orElseThrow();
        assertEquals(List.of("a"), change.providersAdded());
        assertEquals(Optional.of("one"), host("a"));
        assertTrue(live.reloadNow().isEmpty(), "nothing changed since");
        assertThrows(IllegalStateException.class,
                () -> LiveRegistry.builder(dir).watch(false).start());
    }
}
