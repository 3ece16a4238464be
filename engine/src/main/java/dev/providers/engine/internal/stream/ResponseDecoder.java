package dev.providers.engine.internal.stream;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.spi.StreamDecoder;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one response body into an assembler, for any dialect: the SSE framing here, then each
 * event to the dialect's {@link StreamDecoder}, which reports into the assembler. Also hands a
 * plain JSON answer to the decoder whole. Between network reads it holds only the SSE decoder's
 * carry-over bytes and what the dialect's decoder keeps.
 *
 * <p>Failures of the dialect's decoder end the stream with a protocol error; once the stream has
 * ended the decoder is not called again.
 *
 * <p>Thread-safety: fed by one thread at a time (the I/O thread, or the stream's decode lane for
 * large reads; see {@code StreamExchange}).
 */
public final class ResponseDecoder implements SseDecoder.Handler {

    private final MessageAssembler assembler;
    private final StreamDecoder decoder;
    private final SseDecoder sse;
    /** Events decoded so far; comments are not events (how heartbeats are told apart). */
    private long events;

    /** Creates a decoder whose SSE lines and events may hold at most {@code maxEventBytes}. */
    public ResponseDecoder(MessageAssembler assembler, StreamDecoder decoder, int maxEventBytes) {
        this.assembler = assembler;
        this.decoder = decoder;
        this.sse = new SseDecoder(this, maxEventBytes);
    }

    /** Returns how many events (data payloads) were decoded so far. */
    public long events() {
        return events;
    }

    /** Consumes one network read of an event stream; its events are handed on together. */
    public void feed(ByteBuffer bytes) {
        assembler.beginBatch();
        try {
            sse.feed(bytes);
        } finally {
            try {
                decoder.readEnded();
            } finally {
                assembler.endBatch();
            }
        }
    }

    /** The event stream's body ended: pending data is dispatched, then the dialect decides. */
    public void end() {
        sse.end();
        if (!assembler.isTerminated()) {
            try {
                decoder.end(assembler);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        decoder.readEnded();
    }

    /** Decodes a whole answer that is not an event stream. */
    public void completion(byte[] body, @Nullable String contentType) {
        try {
            decoder.body(body, contentType, assembler);
        } catch (RuntimeException e) {
            failed(e);
        }
        decoder.readEnded();
    }

    /**
     * Returns the dialect's kind for an error answer, or null to go by its status; a failing
     * dialect counts as having no opinion, so that the error is still reported.
     */
    public @Nullable ErrorKind errorKind(int status, String message, byte[] body) {
        try {
            return decoder.errorKind(status, message, body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Returns the retry delay an error answer's body asks for, by the dialect, or null. */
    public @Nullable Duration retryDelay(int status, byte[] body) {
        try {
            Duration delay = decoder.retryDelay(status, body);
            return delay == null || delay.isNegative() ? null : delay;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void onData(@Nullable String event, byte[] bytes, int offset, int length) {
        if (assembler.isTerminated()) {
            return;
        }
        events++;
        try {
            decoder.event(event, bytes, offset, length, assembler);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void onComment() {
        // a heartbeat: its bytes count as life for the transport, up to the heartbeat timeout
    }

    @Override
    public void onTooLarge(int limit) {
        assembler.fail(ErrorKind.PROTOCOL, "the server sent an event or line larger than "
                + limit + " bytes (the engine's maxEventSize); the stream was stopped", false);
    }

    private void failed(RuntimeException e) {
        assembler.fail(ErrorKind.PROTOCOL, "the " + assembler.api() + " decoder failed: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + e.getMessage()), false);
    }
}
