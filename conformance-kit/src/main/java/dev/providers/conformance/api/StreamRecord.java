package dev.providers.conformance.api;

import dev.providers.engine.StreamHandle;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.event.WireObserver;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.spec.ModelCost;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Everything one stream did: its events with the thread each arrived on, its wire exchanges, its
 * handle and its final message. The extension checks the event grammar of every record after
 * each test.
 *
 * <p>Thread-safety: filled on the engine's callback executor; read from the test thread.
 */
public final class StreamRecord implements StreamListener, WireObserver {

    private final String label;
    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<WireExchange> exchanges = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminal = new CountDownLatch(1);
    private final @Nullable BiConsumer<StreamRecord, StreamEvent> hook;
    private boolean cancelRequested;
    private final Duration timeout;
    private final @Nullable ModelCost prices;
    private volatile @Nullable StreamHandle handle;

    StreamRecord(String label, @Nullable BiConsumer<StreamRecord, StreamEvent> hook,
            Duration timeout, @Nullable ModelCost prices) {
        this.label = label;
        this.hook = hook;
        this.timeout = timeout;
        this.prices = prices;
    }

    synchronized void handle(StreamHandle handle) {
        this.handle = handle;
        if (cancelRequested) {
            handle.cancel();
        }
    }

    /**
     * Cancels the stream; safe from the listener even before {@code stream(...)} has returned
     * the handle (the cancel then happens as soon as the handle exists).
     */
    public synchronized void cancel() {
        StreamHandle h = handle;
        if (h != null) {
            h.cancel();
        } else {
            cancelRequested = true;
        }
    }

    /** Returns the prices of the model this stream asked (for the cost checks), or null. */
    public @Nullable ModelCost prices() {
        return prices;
    }

    /** Returns a short name of this stream within its test (e.g. "call 2"). */
    public String label() {
        return label;
    }

    @Override
    public void onEvent(StreamEvent event) {
        threads.add(Thread.currentThread().getName());
        arrivals.add(System.currentTimeMillis());
        events.add(event);
        try {
            if (hook != null) {
                hook.accept(this, event);
            }
        } finally {
            if (event.isTerminal()) {
                terminal.countDown();
            }
        }
    }

    @Override
    public void request(int attempt, URI uri, List<Map.Entry<String, String>> headers,
            byte[] body) {
        exchanges.add(new WireExchange(attempt, uri, headers, body));
    }

    @Override
    public void response(int attempt, int status, List<Map.Entry<String, String>> headers) {
        exchange(attempt).response(status, headers);
    }

    @Override
    public void body(int attempt, byte[] bytes) {
        exchange(attempt).body(bytes);
    }

    @Override
    public void end(int attempt, String outcome) {
        exchange(attempt).end(outcome);
    }

    private WireExchange exchange(int attempt) {
        for (WireExchange exchange : exchanges) {
            if (exchange.attempt() == attempt) {
                return exchange;
            }
        }
        throw new IllegalStateException("no request was recorded for attempt " + attempt);
    }

    /** Returns whether the engine accepted the stream, so that it has a handle. */
    public boolean started() {
        return handle != null;
    }

    /** Returns the handle. */
    public StreamHandle handle() {
        StreamHandle h = handle;
        if (h == null) {
            throw new IllegalStateException("the stream has no handle yet");
        }
        return h;
    }

    /**
     * Waits for the terminal event (and for the wire record of the last attempt) and returns the
     * final message.
     *
     * @throws AssertionError if the stream does not end within the kit's timeout: a hang
     */
    public AssistantMessage await() {
        try {
            if (!terminal.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(label + ": no terminal event within " + timeout
                        + " (the stream hangs)");
            }
            AssistantMessage message = handle().result().get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            // the wire record trails the terminal event a little: captures need its end
            if (!exchanges.isEmpty()) {
                last().awaitEnd(Duration.ofSeconds(5));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(label + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(label + ": result() did not complete with the terminal "
                    + "message (G12): " + e, e);
        }
    }

    /**
     * Waits at most {@code max} for the terminal event and returns whether it arrived; unlike
     * {@link #await()} it neither fails nor checks the result.
     */
    public boolean awaitTerminal(Duration max) {
        try {
            return terminal.await(Math.max(0, max.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended();
        }
    }

    /** Returns whether the terminal event arrived. */
    public boolean ended() {
        return terminal.getCount() == 0;
    }

    /** Returns the events so far. */
    public List<StreamEvent> events() {
        return List.copyOf(events);
    }

    /** Returns the events of one kind so far. */
    public <T extends StreamEvent> List<T> events(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (StreamEvent event : events) {
            if (kind.isInstance(event)) {
                out.add(kind.cast(event));
            }
        }
        return out;
    }

    /** Returns the name of the thread each event arrived on. */
    public List<String> threads() {
        return List.copyOf(threads);
    }

    /** Returns when each event reached the listener, in epoch milliseconds. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Returns every attempt's wire exchange. */
    public List<WireExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Returns the last attempt's exchange. */
    public WireExchange last() {
        if (exchanges.isEmpty()) {
            throw new AssertionError(label + ": no request was sent");
        }
        return exchanges.get(exchanges.size() - 1);
    }

    @Override
    public String toString() {
        return "StreamRecord[" + label + ", " + events.size() + " events]";
    }
}
