package dev.providers.engine;

import static dev.providers.engine.testing.ScriptedServer.Response.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.observe.EngineObserver;
import dev.providers.engine.observe.StreamObservation;
import dev.providers.engine.observe.StreamStart;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.ScriptedServer;
import dev.providers.engine.testing.ScriptedServer.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine observers: told of each stream on the caller's thread, then every event just before the
 * listener and the final message before the result, on the stream's lane; contained when they
 * throw; blind to model listings.
 */
class EngineObserverTest {

    private static final ModelRef M = ModelRef.of("test", "m");

    @TempDir
    Path dir;

    private ScriptedServer server;
    private ProviderEngine engine;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        server.close();
    }

    private ProviderEngine engine(String yaml, Map<String, String> env,
            EngineObserver... observers) throws Exception {
        ProviderRegistry registry = EngineTestKit.registry(dir, server.baseUrl(), yaml);
        ProviderEngine.Builder builder = ProviderEngine.builder().registry(registry)
                .environment(env::get).maxRetries(0);
        for (EngineObserver observer : observers) {
            builder.observer(observer);
        }
        engine = builder.build();
        return engine;
    }

    /** Writes what it sees into a shared journal, with the thread of each call. */
    private static final class Journal implements EngineObserver {
        final List<String> entries;
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<StreamStart> starts = new CopyOnWriteArrayList<>();
        final List<String> startThreads = new CopyOnWriteArrayList<>();
        final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        final List<AssistantMessage> ends = new CopyOnWriteArrayList<>();

        Journal(List<String> entries) {
            this.entries = entries;
        }

        @Override
        public StreamObservation streamStarted(StreamStart start) {
            starts.add(start);
            startThreads.add(Thread.currentThread().getName());
            return new StreamObservation() {
                @Override
                public void onEvent(StreamEvent event) {
                    threads.add(Thread.currentThread().getName());
                    events.add(event);
                    entries.add("observer " + event.getClass().getSimpleName());
                }

                @Override
                public void onEnd(AssistantMessage message) {
                    ends.add(message);
                    entries.add("observer end");
                }
            };
        }
    }

    @Test
    void anObserverSeesEveryEventJustBeforeTheListenerAndTheEndBeforeTheResult()
            throws Exception {
        List<String> entries = new CopyOnWriteArrayList<>();
        Journal journal = new Journal(entries);
        engine("", Map.of(), journal);
        server.enqueue(sse(ProviderEngineTest.HELLO));
        List<StreamEvent> heard = new CopyOnWriteArrayList<>();
        StreamOptions options = StreamOptions.builder().temperature(0.5).build();
        StreamHandle handle = engine.stream(M, Context.ofUser("Hi"), options,
                new StreamListener() {
                    @Override
                    public void onEvent(StreamEvent event) {
                        heard.add(event);
                        entries.add("listener " + event.getClass().getSimpleName());
                    }
                });
        AssistantMessage message = handle.result().get(15, TimeUnit.SECONDS);

        assertEquals(1, journal.starts.size());
        StreamStart start = journal.starts.get(0);
        assertEquals(M, start.model());
        assertEquals("test", start.provider().id());
        assertEquals("openai-completions", start.api());
        assertSame(options, start.options());
        assertEquals(Context.ofUser("Hi"), start.context());
        assertEquals(Thread.currentThread().getName(), journal.startThreads.get(0),
                "told on the caller's thread, which holds the caller's context");

        assertEquals(heard, journal.events, "the observer sees what the listener sees");
        assertEquals(List.of(message), journal.ends, "then the final message, once");
        List<String> expected = new ArrayList<>();
        for (StreamEvent event : heard) {
            expected.add("observer " + event.getClass().getSimpleName());
            if (event.isTerminal()) {
                expected.add("observer end");
            }
            expected.add("listener " + event.getClass().getSimpleName());
        }
        assertEquals(expected, entries, "each event reaches the observer just before the "
                + "listener, the end before the listener's terminal event");
        for (String thread : journal.threads) {
            assertFalse(thread.startsWith(ProviderEngine.IO_THREAD_PREFIX), thread);
        }
    }

    @Test
    void observersThatThrowCostNeitherTheStreamNorEachOther() throws Exception {
        EngineObserver failsAtStart = start -> {
            throw new IllegalStateException("boom at start");
        };
        EngineObserver failsOnEvents = start -> new StreamObservation() {
            @Override
            public void onEvent(StreamEvent event) {
                throw new StackOverflowError("boom on " + event);
            }

            @Override
            public void onEnd(AssistantMessage message) {
                throw new IllegalStateException("boom at the end");
            }
        };
        EngineObserver ignores = start -> null;
        Journal journal = new Journal(new CopyOnWriteArrayList<>());
        engine("", Map.of(), failsAtStart, failsOnEvents, ignores, journal);
        server.enqueue(sse(ProviderEngineTest.HELLO));
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals("Hello, world!", message.text());
        assertEquals(recorder.events, journal.events);
        assertEquals(List.of(message), journal.ends);
    }

    @Test
    void aStreamReadThroughItsIteratorIsObservedToo() throws Exception {
        Journal journal = new Journal(new CopyOnWriteArrayList<>());
        engine("", Map.of(), journal);
        server.enqueue(sse(ProviderEngineTest.HELLO));
        StreamHandle handle = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults());
        List<StreamEvent> taken = new ArrayList<>();
        Iterator<StreamEvent> events = handle.iterator();
        for (int i = 0; i < 100 && events.hasNext(); i++) {
            taken.add(events.next());
        }
        assertTrue(taken.get(taken.size() - 1).isTerminal());
        assertEquals(taken, journal.events);
        assertEquals(1, journal.ends.size());
    }

    @Test
    void aRequestThatFailsBeforeItIsSentEndsItsObservationWithTheError() throws Exception {
        Journal journal = new Journal(new CopyOnWriteArrayList<>());
        engine("apiKey: ${MISSING_KEY}\nauthHeader: true\n", Map.of(), journal);
        AssistantMessage message = engine.complete(M, Context.ofUser("Hi"),
                StreamOptions.defaults()).get(15, TimeUnit.SECONDS);
        assertEquals(ErrorKind.AUTH, message.errorKind());
        assertEquals(1, journal.events.size());
        assertInstanceOf(StreamEvent.ErrorEvent.class, journal.events.get(0));
        assertEquals(List.of(message), journal.ends);
        assertEquals(0, server.requestCount());
    }

    @Test
    void aCancelledStreamEndsItsObservationWithTheAbortedTerminalTheListenerGets()
            throws Exception {
        Journal journal = new Journal(new CopyOnWriteArrayList<>());
        engine("", Map.of(), journal);
        server.enqueue(sse("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n")
                .hang());
        CountDownLatch firstDelta = new CountDownLatch(1);
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder() {
            @Override
            public void onEvent(StreamEvent event) {
                super.onEvent(event);
                if (event instanceof StreamEvent.TextDelta) {
                    firstDelta.countDown();
                }
            }
        };
        StreamHandle handle = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults(),
                recorder);
        assertTrue(firstDelta.await(15, TimeUnit.SECONDS));
        handle.cancel();
        AssistantMessage message = recorder.await(handle);
        assertEquals(StopReason.ABORTED, message.stopReason());
        assertEquals(recorder.events, journal.events);
        assertEquals(List.of(message), journal.ends);
    }

    @Test
    void listingModelsIsNotObserved() throws Exception {
        Journal journal = new Journal(new CopyOnWriteArrayList<>());
        engine("", Map.of(), journal);
        server.enqueue(Response.status(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}")
                .header("Content-Type", "application/json"));
        assertEquals(List.of("m"), engine.models("test").get(15, TimeUnit.SECONDS));
        assertTrue(journal.starts.isEmpty());
        assertNotNull(engine.registry());
    }
}
