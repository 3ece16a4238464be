package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.testing.HostileServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners that block, wait for other requests, throw errors, and an engine closed under
 * running streams: every stream still ends with exactly one terminal event and every result
 * completes.
 */
class ListenerLifecycleTest {

    private static final ModelRef MODEL = ModelRef.parse("test/m");

    @TempDir
    Path dir;

    private static final String TEXT = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":"
            + "\"hi\"}}]}\n\n";
    private static final String STOP = "data: {\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    /** Answers "hi" and stops, on a kept-alive connection. */
    private static final HostileServer.Behaviour ANSWER = (request, out) -> {
        byte[] body = (TEXT + STOP).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.head(200, "Content-Type: text/event-stream", "Content-Length: " + body.length);
        out.write(body);
    };

    /** Sends "hi", then nothing until the client hangs up. */
    private static final HostileServer.Behaviour HANG = (request, out) -> {
        out.head(200, "Content-Type: text/event-stream", "Connection: close");
        out.write(TEXT);
        out.awaitClientClose();
    };

    private ProviderEngine engine(HostileServer server) throws IOException {
        return ProviderEngine.builder().registry(EngineTestKit.registry(dir, server.baseUrl(),
                "")).maxRetries(0).build();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void listenersThatBlockHoldBackOnlyTheirOwnStreams() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(2);
        try (HostileServer server = HostileServer.start(ANSWER);
                ProviderEngine engine = engine(server)) {
            StreamListener blocking = new StreamListener() {
                @Override
                public void onStart(StreamEvent.Start event) {
                    blocked.countDown();
                    await(release);
                }
            };
            StreamHandle first = engine.stream(MODEL, Context.ofUser("a"),
                    StreamOptions.defaults(), blocking);
            StreamHandle second = engine.stream(MODEL, Context.ofUser("b"),
                    StreamOptions.defaults(), blocking);
            assertTrue(blocked.await(30, TimeUnit.SECONDS), "the listeners never started");

            // with a pool of max(2, cores) threads this waited for the blocked listeners
            AssistantMessage third = engine.complete(MODEL, Context.ofUser("c"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);

            assertEquals(StopReason.STOP, third.stopReason());
            assertTrue(!first.result().isDone() && !second.result().isDone());
            release.countDown();
            assertEquals(StopReason.STOP, first.result().get(30, TimeUnit.SECONDS).stopReason());
            assertEquals(StopReason.STOP, second.result().get(30, TimeUnit.SECONDS)
                    .stopReason());
        }
    }

    @Test
    void aListenerMayWaitForAnotherRequestOfTheSameEngine() throws Exception {
        try (HostileServer server = HostileServer.start(ANSWER);
                ProviderEngine engine = engine(server)) {
            List<CompletableFuture<AssistantMessage>> inner = new CopyOnWriteArrayList<>();
            StreamListener agentLoop = new StreamListener() {
                @Override
                public void onDone(StreamEvent.Done event) {
                    // the next turn of an agent loop, waited for on the callback thread
                    CompletableFuture<AssistantMessage> next = engine.complete(MODEL,
                            Context.ofUser("next"), StreamOptions.defaults());
                    inner.add(next);
                    next.join();
                }
            };
            List<StreamHandle> outer = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outer.add(engine.stream(MODEL, Context.ofUser("go"), StreamOptions.defaults(),
                        agentLoop));
            }
            for (StreamHandle handle : outer) {
                assertEquals(StopReason.STOP, handle.result().get(30, TimeUnit.SECONDS)
                        .stopReason());
            }
            assertEquals(4, inner.size());
            for (CompletableFuture<AssistantMessage> next : inner) {
                assertEquals(StopReason.STOP, next.get(30, TimeUnit.SECONDS).stopReason());
            }
        }
    }

    @Test
    void aListenerThatThrowsAnErrorStillGetsOneTerminalEvent() throws Exception {
        try (HostileServer server = HostileServer.start(ANSWER);
                ProviderEngine engine = engine(server)) {
            List<StreamEvent> seen = new CopyOnWriteArrayList<>();
            StreamHandle handle = engine.stream(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults(), new StreamListener() {
                        @Override
                        public void onEvent(StreamEvent event) {
                            seen.add(event);
                            if (event instanceof StreamEvent.TextDelta
                                    || event instanceof StreamEvent.Done) {
                                recurse(0);
                            }
                        }
                    });
            AssistantMessage message = handle.result().get(30, TimeUnit.SECONDS);

            assertEquals(StopReason.STOP, message.stopReason());
            assertEquals(1, seen.stream().filter(StreamEvent::isTerminal).count());
            assertTrue(seen.get(seen.size() - 1) instanceof StreamEvent.Done);
        }
    }

    /** Recurses until the stack overflows: a real StackOverflowError from user code. */
    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void closingTheEngineEndsEveryOpenStreamOnce() throws Exception {
        try (HostileServer server = HostileServer.start(HANG)) {
            ProviderEngine engine = engine(server);
            List<List<StreamEvent>> listened = new ArrayList<>();
            List<StreamHandle> handles = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                List<StreamEvent> events = new CopyOnWriteArrayList<>();
                listened.add(events);
                handles.add(engine.stream(MODEL, Context.ofUser("l"), StreamOptions.defaults(),
                        new StreamListener() {
                            @Override
                            public void onEvent(StreamEvent event) {
                                events.add(event);
                                if (event instanceof StreamEvent.TextDelta) {
                                    started.countDown();
                                }
                            }
                        }));
            }
            List<CompletableFuture<StreamEvent>> iterated = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                StreamHandle handle = engine.stream(MODEL, Context.ofUser("i"),
                        StreamOptions.defaults());
                handles.add(handle);
                Iterator<StreamEvent> events = handle.iterator();
                iterated.add(CompletableFuture.supplyAsync(() -> {
                    StreamEvent last = null;
                    while (events.hasNext()) {
                        last = events.next();
                    }
                    return last;
                }));
            }
            StreamHandle published = engine.stream(MODEL, Context.ofUser("p"),
                    StreamOptions.defaults());
            handles.add(published);
            CompletableFuture<Integer> completions = new CompletableFuture<>();
            AtomicInteger terminals = new AtomicInteger();
            published.events().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(StreamEvent item) {
                    if (item.isTerminal()) {
                        terminals.incrementAndGet();
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                    completions.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    completions.complete(terminals.get());
                }
            });
            assertTrue(started.await(30, TimeUnit.SECONDS), "the streams never started");

            engine.close();

            for (StreamHandle handle : handles) {
                AssistantMessage message = handle.result().get(30, TimeUnit.SECONDS);
                assertEquals(StopReason.ABORTED, message.stopReason());
                assertEquals(ErrorKind.ABORTED, message.errorKind());
                assertEquals("the engine was closed", message.errorMessage());
            }
            for (List<StreamEvent> events : listened) {
                assertEquals(1, events.stream().filter(StreamEvent::isTerminal).count());
                assertTrue(events.get(events.size() - 1) instanceof StreamEvent.ErrorEvent);
            }
            for (CompletableFuture<StreamEvent> last : iterated) {
                assertTrue(last.get(30, TimeUnit.SECONDS) instanceof StreamEvent.ErrorEvent);
            }
            assertEquals(1, completions.get(30, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> engine.stream(MODEL,
                    Context.ofUser("late"), StreamOptions.defaults()));
        }
    }

    @Test
    void closingUnderABlockedListenerStillCompletesItsResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inListener = new CountDownLatch(1);
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        try (HostileServer server = HostileServer.start(HANG)) {
            ProviderEngine engine = engine(server);
            StreamHandle handle = engine.stream(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults(), new StreamListener() {
                        @Override
                        public void onEvent(StreamEvent event) {
                            events.add(event);
                            if (event instanceof StreamEvent.TextDelta) {
                                inListener.countDown();
                                await(release);
                            }
                        }
                    });
            assertTrue(inListener.await(30, TimeUnit.SECONDS));

            engine.close(); // waits a few seconds for the listener, then settles its result

            assertEquals(StopReason.ABORTED, handle.result().get(1, TimeUnit.SECONDS)
                    .stopReason());
            release.countDown();
            for (int i = 0; i < 500 && events.stream().noneMatch(StreamEvent::isTerminal); i++) {
                Thread.sleep(10);
            }
            assertEquals(1, events.stream().filter(StreamEvent::isTerminal).count(),
                    "the listener gets its terminal event once it returns");
        }
    }
}
