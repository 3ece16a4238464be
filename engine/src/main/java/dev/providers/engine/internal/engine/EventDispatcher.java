package dev.providers.engine.internal.engine;

import dev.providers.engine.ModelRef;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.event.StreamEvent.TextDelta;
import dev.providers.engine.event.StreamEvent.ThinkingDelta;
import dev.providers.engine.event.StreamEvent.ToolCallDelta;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.internal.concurrent.FlowGate;
import dev.providers.engine.internal.stream.EventSink;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Usage;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Hands one stream's events from the I/O thread to the listener on the callback executor: the
 * I/O thread only enqueues; one drain at a time delivers, so calls are ordered and never
 * concurrent, and a slow listener delays only its own stream. The result future completes after
 * the listener has seen the terminal event, also when the listener throws, even an
 * {@link Error}: a listener's failure is logged and never costs the stream its end.
 *
 * <p>Backpressure: every queued event is counted in the stream's {@link FlowGate} until the
 * listener has returned from it (or, for a buffered stream, until its consumer took it), so a
 * listener that falls behind pauses its own socket. The counts reach the gate in batches (once
 * per network read on the way in, every {@value #TAKEN_BATCH} events and at the end of each
 * drain on the way out): the gate is approximate by that much, and a fast stream pays a few
 * atomic operations per read instead of four per event.
 *
 * <p>Once the stream is cancelled, events the listener has not yet been handed are dropped and
 * the next event it receives is the aborted terminal, cut back to what it saw: the I/O thread
 * may have read the rest of the response (even its end) before the listener asked to stop.
 *
 * <p>The stream's wire observer runs in the same lane ({@link #execute}): its calls and the
 * events reach user code in the order they happened, so an observer has seen a request before
 * the listener sees that request's terminal event (and the result completes).
 *
 * <p>The engine's observers ({@link Observations}) see each event in the same lane, just before
 * the listener, and the final message before the result completes; with none registered the
 * cost per event is one null check.
 *
 * <p>Whatever the engine's own work in the drain throws (recording what was delivered, the
 * observers, building the cut-back terminal: an {@link OutOfMemoryError} on a huge tool call is
 * the realistic case), the stream still ends: the listener gets one terminal event (an error
 * the dispatcher builds, without content, unless it already had its terminal), the result
 * completes, later events are dropped, the exchange is stopped and the executor's thread goes
 * on. One try around the drain loop costs nothing per event.
 *
 * <p>When the callback executor refuses work (the engine is closing), no user code runs any
 * more: events are passed on only to the engine's own buffer (so a blocked iterator ends) and
 * the result future is completed, on the thread that emitted them.
 *
 * <p>Hand-over: the thread whose increment of {@code pending} finds it at zero schedules the
 * drain; while the drain runs, later events join it without scheduling. Within a batch (one
 * network read being decoded) the decoding thread defers the scheduling to {@link #endBatch()},
 * so a read that holds many events wakes the callback executor once, not once per event; nobody
 * else can schedule meanwhile, because {@code pending} stays above zero until the drain runs.
 *
 * <p>Thread-safety: {@link #emit} may be called from any thread; {@link #beginBatch()} and
 * {@link #endBatch()} by the thread decoding the stream at the time (one at a time).
 */
final class EventDispatcher implements EventSink, Executor, Runnable {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    /** Events, and the wire observer's calls as {@link Runnable}s, in order. */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor executor;
    private final StreamListener listener;
    /** The engine's own buffer when the stream has no listener: it counts takes itself. */
    private final @Nullable EventBuffer buffer;
    private final CompletableFuture<AssistantMessage> result;
    private final FlowGate flow;
    /** What watches this stream for the engine's observers, or null. */
    private final @Nullable Observations observation;
    private final DeliveredContent delivered;
    /** Names the stream in a terminal the dispatcher has to build itself. */
    private final Origin origin;
    /** Stops the stream's exchange once the dispatcher has ended the stream itself. */
    private final Runnable stop;
    private volatile boolean cancelled;
    /** The executor refused work: deliver without user code from now on. */
    private volatile boolean refused;
    /** The listener has been handed its terminal event. Confined to the draining thread. */
    private boolean ended;
    /** The observers have been handed the end of the stream. Confined to the draining thread. */
    private boolean observedEnd;
    /**
     * The thread inside a batch, or null. Only that thread writes it, and a thread can only
     * ever read its own reference here if it wrote it itself, so no other thread mistakes
     * itself for the batching one (a stale read shows null or another thread).
     */
    private @Nullable Thread batching;
    /** The batching thread found {@code pending} at zero: it owes the drain a schedule. */
    private boolean owed;
    /** Events and their size queued by the batching thread, not yet told to the gate. */
    private int batchEvents;
    private long batchBytes;
    /** Events and their size the drain delivered, not yet told to the gate. */
    private int drainedEvents;
    private long drainedBytes;
    /** How many delivered events the drain tells the gate at a time (and at its end). */
    private static final int TAKEN_BATCH = 64;
    /** The terminal for a failure that leaves no heap to build one naming the stream. */
    private static final ErrorEvent LAST_RESORT = new ErrorEvent(StopReason.ERROR,
            new AssistantMessage(List.of(), "unknown", "unknown", "unknown", null, null,
                    Usage.ZERO, StopReason.ERROR, null, "the engine failed delivering the stream "
                            + "and could not build its final message: its content was dropped",
                    ErrorKind.PROTOCOL, 0));

    /**
     * The stream a dispatcher serves, for the terminal event it builds when its own work fails.
     *
     * @param api the model's api
     * @param model the model reference
     * @param timestamp when the stream started, in epoch milliseconds
     */
    record Origin(String api, ModelRef model, long timestamp) { }

    EventDispatcher(Executor executor, StreamListener listener,
            CompletableFuture<AssistantMessage> result, FlowGate flow,
            @Nullable Observations observation, Origin origin, Runnable stop) {
        this(executor, listener, result, flow, observation, origin, stop, new DeliveredContent());
    }

    /** For tests: {@code delivered} may fail on purpose. */
    EventDispatcher(Executor executor, StreamListener listener,
            CompletableFuture<AssistantMessage> result, FlowGate flow,
            @Nullable Observations observation, Origin origin, Runnable stop,
            DeliveredContent delivered) {
        this.executor = executor;
        this.listener = listener;
        this.buffer = listener instanceof EventBuffer b ? b : null;
        this.result = result;
        this.flow = flow;
        this.observation = observation;
        this.origin = origin;
        this.stop = stop;
        this.delivered = delivered;
    }

    /** Returns the size an event holds in memory beyond its object: its new text. */
    static long weight(StreamEvent event) {
        if (event instanceof TextDelta d) {
            return d.delta().length();
        }
        if (event instanceof ThinkingDelta d) {
            return d.delta().length();
        }
        if (event instanceof ToolCallDelta d) {
            return d.delta().length();
        }
        return 0;
    }

    @Override
    public void emit(StreamEvent event) {
        if (batching == Thread.currentThread()) {
            // told to the gate once per network read, at endBatch: an atomic per event is
            // measurable on a fast stream
            batchEvents++;
            batchBytes += weight(event);
        } else {
            flow.queued(1, weight(event));
        }
        enqueue(event);
    }

    /** Runs a wire observer's call in this stream's lane, after what was queued before it. */
    @Override
    public void execute(Runnable observerCall) {
        enqueue(observerCall);
    }

    private void enqueue(Object item) {
        queue.offer(item);
        if (pending.getAndIncrement() == 0) {
            if (batching == Thread.currentThread()) {
                owed = true;
            } else {
                schedule();
            }
        }
    }

    @Override
    public void beginBatch() {
        batching = Thread.currentThread();
    }

    @Override
    public void endBatch() {
        batching = null;
        if (batchEvents != 0) {
            flow.queued(batchEvents, batchBytes);
            batchEvents = 0;
            batchBytes = 0;
        }
        if (owed) {
            owed = false;
            schedule();
        }
    }

    private void schedule() {
        if (!refused) {
            try {
                executor.execute(this);
                return;
            } catch (RejectedExecutionException e) {
                // the engine is closing: user code must not run here; see the class comment
                LOG.log(Level.DEBUG, "callback executor rejected a stream's events", e);
                refused = true;
            }
        }
        run();
    }

    /** Drops what the listener has not been handed yet, from now on; see the class comment. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        int missed = 1;
        while (true) {
            drain();
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Delivers what is queued; see the class comment for what a failure here does. */
    private void drain() {
        @Nullable Object item = null;
        try {
            while ((item = queue.poll()) != null) {
                if (item instanceof StreamEvent event) {
                    deliver(event);
                } else {
                    observe((Runnable) item);
                }
            }
            release();
        } catch (Throwable e) {
            // the listener's and the observers' own throws are contained where they run: this
            // is the engine's bookkeeping, and escaping would leave pending above zero for good
            fail(item, e);
        }
    }

    private void observe(Runnable call) {
        if (refused) {
            return; // the engine is closing: no user code from here on
        }
        try {
            call.run();
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "a wire observer threw; the stream goes on", e);
        }
    }

    /** Hands an event, and a terminal one's message, to the observers (which contain throws). */
    private void watch(Observations observation, StreamEvent event) {
        observation.onEvent(event);
        if (event.isTerminal()) {
            observedEnd = true; // before: an end the observers half-saw is not repeated
            observation.onEnd(message(event));
        }
    }

    /** Returns a terminal event's message. */
    private static AssistantMessage message(StreamEvent terminal) {
        return terminal instanceof Done done ? done.message() : ((ErrorEvent) terminal).message();
    }

    /** Tells the gate what the drain delivered since it last did. */
    private void release() {
        if (drainedEvents != 0) {
            int events = drainedEvents;
            long bytes = drainedBytes;
            drainedEvents = 0; // first: a resume action that throws must not count them twice
            drainedBytes = 0;
            flow.taken(events, bytes);
        }
    }

    /** Counts a delivered event, telling the gate every {@value #TAKEN_BATCH}. */
    private void taken(long weight) {
        drainedBytes += weight;
        if (++drainedEvents >= TAKEN_BATCH) {
            release();
        }
    }

    private void deliver(StreamEvent event) {
        long weight = weight(event);
        if (ended) {
            taken(weight);
            return;
        }
        if (cancelled) {
            if (!event.isTerminal()) {
                taken(weight);
                return;
            }
            AssistantMessage aborted = delivered.aborted(message(event));
            event = new ErrorEvent(aborted.stopReason(), aborted);
        } else {
            delivered.record(event);
        }
        if (observation != null && !refused) {
            watch(observation, event);
        }
        ended = event.isTerminal();
        hand(event);
        if (buffer == null) {
            taken(weight);
        }
    }

    /** Hands an event to the listener, whatever it throws, and a terminal one to the result. */
    private void hand(StreamEvent event) {
        try {
            if (!refused || buffer != null) {
                listener.onEvent(event);
            }
        } catch (Throwable e) {
            // an Error too (a StackOverflowError in user code): the stream must still end
            LOG.log(Level.WARNING, "a stream listener threw; the stream goes on", e);
        } finally {
            if (event.isTerminal()) {
                result.complete(message(event));
            }
        }
    }

    /**
     * Ends the stream after the engine's own work on {@code item} threw {@code failure}: unless
     * the listener already had its terminal event, it gets one built here, the result completes
     * with it and the exchange stops.
     * Never throws: it runs where the drain would otherwise die.
     */
    private void fail(@Nullable Object item, Throwable failure) {
        try {
            LOG.log(Level.ERROR, "the engine failed delivering a stream's events; it ends",
                    failure);
        } catch (Throwable ignored) {
            // the heap may still be exhausted: ending the stream matters more than the log
        }
        if (ended) {
            return; // the listener had its terminal, and hand() completed the result then
        }
        ended = true;
        @Nullable ErrorEvent terminal;
        try {
            AssistantMessage last = failedMessage(item, failure);
            terminal = new ErrorEvent(last.stopReason(), last);
        } catch (Throwable e) {
            terminal = null;
        }
        try {
            stop.run(); // after the message, which tells whether the listener cancelled
        } catch (Throwable e) {
            // the exchange ends on its own then (a timeout at worst); its events are dropped
        }
        if (terminal == null) {
            terminal = LAST_RESORT; // not even an empty message could be built
        }
        if (observation != null && !refused && !observedEnd) {
            try {
                watch(observation, terminal);
            } catch (Throwable e) {
                // observers contain their own throws; this is the heap again
            }
        }
        try {
            hand(terminal); // completes the result whatever the listener does
        } catch (Throwable e) {
            // only hand()'s logging of a listener's throw can get here
        }
    }

    /**
     * Returns the message of the terminal event the dispatcher builds when its own work on
     * {@code item} failed: no content (what was not delivered is dropped, what was delivered may
     * not be rebuilt), an ERROR (ABORTED if the listener cancelled) saying why.
     */
    private AssistantMessage failedMessage(@Nullable Object item, Throwable failure) {
        StopReason reason = cancelled ? StopReason.ABORTED : StopReason.ERROR;
        ErrorKind kind = cancelled ? ErrorKind.ABORTED : ErrorKind.PROTOCOL;
        String error = (cancelled ? "Request was aborted; " : "") + "the engine failed "
                + "delivering the stream (" + failure.getClass().getSimpleName() + "): it ended "
                + "there and its content was dropped";
        if (item instanceof StreamEvent event && event.isTerminal()) {
            AssistantMessage last = message(event);
            return new AssistantMessage(List.of(), last.api(), last.provider(), last.model(),
                    last.responseModel(), last.responseId(), last.usage(), reason,
                    last.rawStopReason(), error, kind, last.timestamp());
        }
        return new AssistantMessage(List.of(), origin.api(), origin.model().provider(),
                origin.model().model(), null, null, Usage.ZERO, reason, null, error, kind,
                origin.timestamp());
    }
}
