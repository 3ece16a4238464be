package dev.providers.engine.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.internal.concurrent.FlowGate;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.Usage;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.testing.EventInvariants;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's own bookkeeping failing mid-stream (what an exhausted heap does to it): the
 * listener still gets exactly one terminal event, the result completes, later events are
 * dropped, and the callback executor's thread goes on serving the next stream.
 */
class EventDispatcherTest {

    private static final ModelRef MODEL = ModelRef.of("p", "m");
    private static final EventDispatcher.Origin ORIGIN =
            new EventDispatcher.Origin("test-api", MODEL, 7);

    private final AtomicInteger threadsMade = new AtomicInteger();
    /** One thread: if a drain kills it, the pool makes another, and the test sees that. */
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(task -> {
        threadsMade.incrementAndGet();
        Thread thread = new Thread(task, "callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger stops = new AtomicInteger();

    @AfterEach
    void stopExecutor() {
        callbacks.shutdownNow();
    }

    /** Records what a listener is handed, and on which thread. */
    private static final class Recorder implements StreamListener {
        final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(StreamEvent event) {
            events.add(event);
            threads.add(Thread.currentThread());
        }
    }

    /** Fails recording the {@code n}th event, with what {@code failure} makes. */
    private static final class FailingRecord extends DeliveredContent {
        private final int n;
        private final Supplier<Throwable> failure;
        private int seen;

        FailingRecord(int n, Supplier<Throwable> failure) {
            this.n = n;
            this.failure = failure;
        }

        @Override
        void record(StreamEvent event) {
            if (++seen == n) {
                throw sneaky(failure.get());
            }
            super.record(event);
        }
    }

    /** Fails cutting back the aborted message, as a huge tool call's arguments would. */
    private static final class FailingCutBack extends DeliveredContent {
        @Override
        AssistantMessage aborted(AssistantMessage latest) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private static RuntimeException sneaky(Throwable failure) {
        if (failure instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) failure;
    }

    private EventDispatcher dispatcher(Recorder listener,
            CompletableFuture<AssistantMessage> result, @Nullable DeliveredContent delivered) {
        FlowGate flow = new FlowGate(1000, 1 << 20);
        return delivered == null
                ? new EventDispatcher(callbacks, listener, result, flow, null, ORIGIN,
                        stops::incrementAndGet)
                : new EventDispatcher(callbacks, listener, result, flow, null, ORIGIN,
                        stops::incrementAndGet, delivered);
    }

    private static AssistantMessage done(String text) {
        return new AssistantMessage(List.of(new TextContent(text)), "test-api", "p", "m",
                "m-2024", "resp-1", Usage.of(3, 4, 0, 0, 0, new ModelCost(0, 0, 0, 0)),
                StopReason.STOP, "stop", null, null, 7);
    }

    /** Emits a whole "abc" answer, from the test thread as the I/O thread would. */
    private static void answer(EventDispatcher dispatcher) {
        dispatcher.emit(new StreamEvent.Start(MODEL, 7));
        dispatcher.emit(new StreamEvent.TextStart(0));
        dispatcher.emit(new StreamEvent.TextDelta(0, "a"));
        dispatcher.emit(new StreamEvent.TextDelta(0, "b"));
        dispatcher.emit(new StreamEvent.TextDelta(0, "c"));
        dispatcher.emit(new StreamEvent.TextEnd(0, "abc"));
        dispatcher.emit(new StreamEvent.Done(StopReason.STOP, done("abc")));
    }

    /** Waits until the callback thread has finished what was queued before this call. */
    private void settle() throws Exception {
        callbacks.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    private void assertEndsOnceAndTheExecutorGoesOn(Supplier<Throwable> failure)
            throws Exception {
        Recorder listener = new Recorder();
        CompletableFuture<AssistantMessage> result = new CompletableFuture<>();
        // the fourth event, the delta "b": the listener has had Start, TextStart and "a"
        answer(dispatcher(listener, result, new FailingRecord(4, failure)));

        // on the old code this times out: the drain died with pending above zero
        AssistantMessage last = result.get(30, TimeUnit.SECONDS);
        settle();
        assertEquals(4, listener.events.size(), listener.events::toString);
        assertInstanceOf(StreamEvent.Start.class, listener.events.get(0));
        assertEquals(new StreamEvent.TextDelta(0, "a"), listener.events.get(2));
        StreamEvent.ErrorEvent error = assertInstanceOf(StreamEvent.ErrorEvent.class,
                listener.events.get(3));
        assertSame(error.message(), last);
        assertEquals(StopReason.ERROR, last.stopReason());
        assertEquals(ErrorKind.PROTOCOL, last.errorKind());
        String why = failure.get().getClass().getSimpleName();
        assertEquals("the engine failed delivering the stream (" + why + "): it ended there "
                + "and its content was dropped", last.errorMessage());
        assertEquals(List.of(), last.content());
        assertEquals(List.of("test-api", "p", "m", 7L),
                List.of(last.api(), last.provider(), last.model(), last.timestamp()));
        assertEquals(1, stops.get(), "the exchange is stopped once");

        // the same executor, and the same thread, serve the next stream
        Recorder next = new Recorder();
        CompletableFuture<AssistantMessage> nextResult = new CompletableFuture<>();
        answer(dispatcher(next, nextResult, null));
        assertEquals("abc", nextResult.get(30, TimeUnit.SECONDS).text());
        settle();
        assertEquals(7, next.events.size(), next.events::toString);
        assertEquals(List.of(), EventInvariants.check(next.events, null));
        assertEquals(1, threadsMade.get(), "the callback thread survived");
        assertSame(listener.threads.get(0), next.threads.get(0));
    }

    @Test
    void anOutOfMemoryErrorInTheBookkeepingEndsTheStreamOnce() throws Exception {
        assertEndsOnceAndTheExecutorGoesOn(() -> new OutOfMemoryError("Java heap space"));
    }

    @Test
    void aRuntimeExceptionInTheBookkeepingEndsTheStreamOnce() throws Exception {
        assertEndsOnceAndTheExecutorGoesOn(() -> new IllegalStateException("bookkeeping"));
    }

    @Test
    void aFailureOnTheTerminalEventItselfStillEndsTheStreamWithWhatArrived() throws Exception {
        Recorder listener = new Recorder();
        CompletableFuture<AssistantMessage> result = new CompletableFuture<>();
        answer(dispatcher(listener, result,
                new FailingRecord(7, () -> new OutOfMemoryError("Java heap space"))));

        AssistantMessage last = result.get(30, TimeUnit.SECONDS);
        settle();
        assertEquals(7, listener.events.size(), listener.events::toString);
        assertSame(last, ((StreamEvent.ErrorEvent) listener.events.get(6)).message());
        // what the engine's terminal knew is kept; its content is not
        assertEquals("resp-1", last.responseId());
        assertEquals(4, last.usage().output());
        assertEquals(StopReason.ERROR, last.stopReason());
        assertEquals(List.of(), last.content());
    }

    @Test
    void aFailureCuttingBackACancelledStreamEndsItAbortedOnce() throws Exception {
        Recorder listener = new Recorder();
        CompletableFuture<AssistantMessage> result = new CompletableFuture<>();
        EventDispatcher dispatcher = dispatcher(listener, result, new FailingCutBack());
        dispatcher.emit(new StreamEvent.Start(MODEL, 7));
        dispatcher.emit(new StreamEvent.TextStart(0));
        dispatcher.emit(new StreamEvent.TextDelta(0, "a"));
        dispatcher.cancel();
        dispatcher.emit(new StreamEvent.TextDelta(0, "b"));
        dispatcher.emit(new StreamEvent.Done(StopReason.STOP, done("ab")));
        dispatcher.emit(new StreamEvent.TextStart(1)); // after the end: never delivered

        AssistantMessage last = result.get(30, TimeUnit.SECONDS);
        settle();
        List<StreamEvent> terminals = listener.events.stream().filter(StreamEvent::isTerminal)
                .toList();
        assertEquals(1, terminals.size(), listener.events::toString);
        assertSame(terminals.get(0), listener.events.get(listener.events.size() - 1));
        assertNotNull(last.errorMessage());
        assertEquals(StopReason.ABORTED, last.stopReason());
        assertEquals(ErrorKind.ABORTED, last.errorKind());
        assertTrue(last.errorMessage().startsWith("Request was aborted; the engine failed "
                + "delivering the stream (OutOfMemoryError)"), last.errorMessage());
        assertEquals(List.of(), last.content());
    }
}
