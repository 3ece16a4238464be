package dev.providers.engine.spi;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import org.jspecify.annotations.Nullable;

/**
 * Where a decoder reports what it read; the engine turns it into the event stream and keeps the
 * grammar for every dialect: one {@code start}, blocks by dense content index, matching starts
 * and ends, exactly one terminal event, nothing after it.
 *
 * <p>Blocks are named by keys the decoder chooses (compared with {@code equals}; a key the
 * decoder keeps and passes again is cheapest). The first content for a new key opens a block at
 * the next content index; a dialect that keeps one text block per message passes one key for all
 * its text, one that interleaves passes one per wire block. Blocks not ended with
 * {@link #endBlock} end, in content order, when the stream ends.
 *
 * <p>Thread-safety: called by the decoding thread only.
 */
public interface AssemblySink {

    /** Appends text to the text block {@code key}; empty text is ignored. */
    void text(Object key, String delta);

    /** Appends thinking to the thinking block {@code key}; empty text is ignored. */
    void thinking(Object key, String delta);

    /**
     * Sets the signature of the thinking block {@code key} (the data a server needs to accept
     * the thinking back, or the wire field it came in); opens the block if needed.
     */
    void thinkingSignature(Object key, String signature);

    /** Adds a redacted thinking block {@code key} whose opaque data is {@code data}. */
    void redactedThinking(Object key, String data);

    /**
     * Adds to the tool call {@code key}: its id and name when known (the first non-empty ones
     * win) and a fragment of its argument JSON (possibly empty). The call's events start when
     * its name is known; fragments that come before are held back until then.
     */
    void toolCall(Object key, @Nullable String id, @Nullable String name, String arguments);

    /** Sets the signature a server needs to accept the tool call {@code callId} back. */
    void toolCallSignature(String callId, String signature);

    /** Ends the block {@code key} now; later content for the key is dropped as a deviation. */
    void endBlock(Object key);

    /** Sets the response id (the first non-empty one wins). */
    void responseId(String id);

    /** Sets the model that answered, when the server names it. */
    void responseModel(String model);

    /**
     * Sets the usage so far; later calls replace it. {@code output} includes reasoning;
     * {@code reasoning} is the reported part of it (0 when not reported).
     */
    void usage(long input, long output, long cacheRead, long cacheWrite, long reasoning);

    /**
     * Sets how the response stopped: {@code raw} as the wire said it (or null) and the normal
     * reason it means (STOP, LENGTH or TOOL_USE); later calls replace it.
     */
    void finish(@Nullable String raw, StopReason reason);

    /**
     * Ends the stream normally: with the reason set by {@link #finish}; a STOP with tool calls
     * becomes TOOL_USE (a deviation); without any reason the stream ends as a protocol error.
     */
    void end();

    /**
     * Ends the stream with an error the server reported (open blocks end first): its kind,
     * message, and the wire's stop reason if there was one.
     */
    void error(ErrorKind kind, String message, @Nullable String raw);

    /** Records something the server did that the decoder absorbed ({@code code: details}). */
    void deviation(String description);

    /** Returns whether the stream has ended; later calls are ignored. */
    boolean isEnded();
}
