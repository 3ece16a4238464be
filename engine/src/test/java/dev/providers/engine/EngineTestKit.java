package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.testing.EventInvariants;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Helpers for engine tests: a registry pointing at a server, and an event recorder. */
final class EngineTestKit {

    private EngineTestKit() { }

    /** Returns a registry with provider {@code test} (model {@code m}) at {@code baseUrl}. */
    static ProviderRegistry registry(Path dir, URI baseUrl, String extraYaml) throws IOException {
        Files.writeString(dir.resolve("test.yaml"), "id: test\nbaseUrl: " + baseUrl + "\n"
                + extraYaml + (extraYaml.contains("models:") ? ""
                : "models:\n  - id: m\n    contextWindow: 4096\n    maxTokens: 64\n"));
        return ProviderLoader.withoutBuiltins().load(dir).requireValid();
    }

    /** Records one stream's events with the thread each arrived on. */
    static class Recorder implements StreamListener {
        final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(StreamEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        /** Waits for the result and checks the grammar, the threads and G12. */
        AssistantMessage await(StreamHandle handle) throws Exception {
            AssistantMessage message = handle.result().get(15, TimeUnit.SECONDS);
            assertEquals(List.of(), EventInvariants.check(events, null));
            StreamEvent last = events.get(events.size() - 1);
            AssistantMessage terminal = last instanceof StreamEvent.Done d ? d.message()
                    : ((StreamEvent.ErrorEvent) last).message();
            assertEquals(terminal, message, "G12: result() equals the terminal message");
            for (String thread : threads) {
                if (thread.startsWith("providers-io-")) {
                    fail("G15: a listener ran on the I/O thread " + thread);
                }
            }
            return message;
        }
    }
}
