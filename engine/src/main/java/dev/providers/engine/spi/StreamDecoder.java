package dev.providers.engine.spi;

import dev.providers.engine.message.ErrorKind;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Reads one response into an {@link AssemblySink}. The engine splits server-sent events (any line
 * ends, comments, events split between reads) and hands each event here; for an answer that is
 * not an event stream it hands the whole body.
 *
 * <p>Once the sink has ended (normally or not), the engine stops calling the decoder.
 *
 * <p>Thread-safety: called by one thread at a time, not always the same one.
 */
public interface StreamDecoder {

    /**
     * One event: its {@code event:} name (null when it had none) and its data, the
     * {@code data:} lines joined by {@code \n}, in {@code bytes[offset..offset + length)}. One
     * spare byte follows the data ({@code bytes[offset + length]}, a line end or a space), so a
     * parser may read one byte past it. The bytes are valid only during the call.
     */
    void event(@Nullable String name, byte[] bytes, int offset, int length, AssemblySink sink);

    /**
     * The whole body of a 2xx answer that is not an event stream (JSON): the default reports a
     * protocol error.
     */
    default void body(byte[] bytes, @Nullable String contentType, AssemblySink sink) {
        sink.error(ErrorKind.PROTOCOL, "the server answered with "
                + (contentType == null ? "a body" : contentType) + " instead of an event stream",
                null);
    }

    /**
     * The body ended without the dialect's own end of stream having been seen: call
     * {@link AssemblySink#end()} if that is a normal end for this dialect, else report an error.
     */
    void end(AssemblySink sink);

    /**
     * The events of one network read have all been handed over: a decoder may release what it
     * keeps per read (a parser's buffers), so that an idle stream holds little memory.
     */
    default void readEnded() { }

    /**
     * Reads an error answer (HTTP 400 or above) that came instead of a stream: returns its kind
     * when the dialect knows better than the status (Gemini answers a key that is not valid with
     * 400, an {@code AUTH} failure), or null to go by the status. A context overflow that the
     * overflow patterns find in {@code message} wins over both. Called on an I/O thread: the
     * body is at most 64 KiB, and the work must be bounded by it.
     *
     * @param status the HTTP status
     * @param message the engine's text of the answer, {@code <status>: <server's message>}
     * @param body the body as received
     */
    default @Nullable ErrorKind errorKind(int status, String message, byte[] body) {
        return null;
    }

    /**
     * Returns how long an error answer's body asks the client to wait before it retries (such
     * as Gemini's {@code RetryInfo.retryDelay}), or null when it says nothing; a
     * {@code Retry-After} header wins. The engine's retry rules (statuses, attempts, the longest
     * delay it accepts) apply as for the header.
     */
    default @Nullable Duration retryDelay(int status, byte[] body) {
        return null;
    }
}
