package dev.providers.opentelemetry.internal;

import dev.providers.engine.event.StreamEvent;
import java.util.function.LongSupplier;

/**
 * One stream's timing: from its start to its first chunk of content (text, thinking or a tool
 * call) and to its end, read from a nanosecond ticker at those three moments only.
 *
 * <p>Thread-safety: confined to the stream's serial lane after {@link #start}.
 */
public final class StreamTiming {

    private static final double NANOS_PER_SECOND = 1e9;

    private final LongSupplier ticker;
    private final long started;
    private long firstChunk = -1;
    private boolean chunked;

    private StreamTiming(LongSupplier ticker, long started) {
        this.ticker = ticker;
        this.started = started;
    }

    /** Returns a timing started now. */
    public static StreamTiming start(LongSupplier ticker) {
        return new StreamTiming(ticker, ticker.getAsLong());
    }

    /** Notes the first event that carries content. */
    public void onEvent(StreamEvent event) {
        if (!chunked && carriesContent(event)) {
            chunked = true;
            firstChunk = ticker.getAsLong();
        }
    }

    /** Returns the seconds from the start to the first chunk, or a negative value before it. */
    public double secondsToFirstChunk() {
        return chunked ? (firstChunk - started) / NANOS_PER_SECOND : -1;
    }

    /** Returns the seconds from the start until now. */
    public double secondsSinceStart() {
        return (ticker.getAsLong() - started) / NANOS_PER_SECOND;
    }

    private static boolean carriesContent(StreamEvent event) {
        return event instanceof StreamEvent.TextDelta || event instanceof StreamEvent.ThinkingDelta
                || event instanceof StreamEvent.ToolCallStart;
    }
}
