package dev.providers.engine.registry;

import static dev.providers.engine.config.ProviderDirs.write;
import static dev.providers.engine.registry.EventRecorder.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload outlives any failure: a file nested 2,000 deep used to throw StackOverflowError
 * out of the reload, after which later edits were ignored for good, with no event and no log.
 */
class ReloadSurvivalTest {

    @TempDir
    Path root;

    private LiveRegistry live;
    private final EventRecorder events = new EventRecorder();

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    private Optional<String> host(String id) {
        return live.current().provider(id).map(p -> p.baseUrl().getHost());
    }

    @Test
    void aDeeplyNestedFileIsRejectedAndLaterEditsStillApply() {
        Path dir = root.resolve("providers.d");
        write(dir, "a.yaml", LiveRegistryTest.provider("a", "one", "m"));
        live = LiveRegistry.builder(dir).debounce(Duration.ofMillis(50)).listener(events)
                .start();
        write(dir, "deep.yaml", "id: deep\nbaseUrl: http://h:1/v1\nmodels: [{id: m, compat: "
                + "{openRouterRouting: {a: " + "[".repeat(2000) + "]".repeat(2000) + "}}}]\n");
        RegistryRejection rejection = events.awaitRejection(r -> true);
        assertEquals(List.of(dir.resolve("deep.yaml") + ":3:109: error: collections nest deeper "
                + "than 64 levels; provider files need a handful"),
                rejection.diagnostics().stream().map(Diagnostic::format).toList());
        write(dir, "a.yaml", LiveRegistryTest.provider("a", "two", "m"));
        await(() -> host("a").equals(Optional.of("two")), "the edit after the deep file");
    }

    @Test
    void aReloadThatThrowsAnErrorIsLoggedAndPollingGoesOn() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        Logger engineLog = Logger.getLogger("dev.providers");
        engineLog.addHandler(capture);
        try {
            // the listener executor is called on the reload thread: make the first reload after
            // the start fail with an Error, which a catch of RuntimeException lets through
            AtomicInteger calls = new AtomicInteger();
            Executor failingOnce = task -> {
                if (calls.incrementAndGet() == 2) {
                    throw new AssertionError("injected");
                }
                task.run();
            };
            Path dir = root.resolve("providers.d");
            write(dir, "a.yaml", LiveRegistryTest.provider("a", "one", "m"));
            live = LiveRegistry.builder(dir).watch(false).pollInterval(Duration.ofMillis(20))
                    .debounce(Duration.ofMillis(50)).listenerExecutor(failingOnce).start();
            write(dir, "a.yaml", LiveRegistryTest.provider("a", "two", "m"));
            await(() -> calls.get() >= 2, "the failing reload");
            write(dir, "a.yaml", LiveRegistryTest.provider("a", "three", "m"));
            await(() -> host("a").equals(Optional.of("three")), "the edit after the failure");
            assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                    && r.getMessage().contains("java.lang.AssertionError")), logged::toString);
        } finally {
            engineLog.removeHandler(capture);
        }
    }
}
