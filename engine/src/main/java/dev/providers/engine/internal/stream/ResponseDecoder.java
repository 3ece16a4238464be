package dev.providers.engine.internal.stream;

import dev.providers.engine.message.ErrorKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one response body into an assembler: SSE framing, then chunk JSON, then the message.
 * Also accepts a plain JSON completion, for servers that answer a stream request without
 * streaming (W15). Between network reads it holds only the SSE decoder's carry-over bytes and
 * the chunk scratch object.
 *
 * <p>Thread-safety: fed by one thread at a time (the I/O thread, or the stream's decode lane for
 * large reads; see {@code StreamExchange}).
 */
public final class ResponseDecoder implements SseDecoder.Handler {

    /** The longest snippet of a bad payload quoted in an error. */
    static final int SNIPPET = 200;

    private final MessageAssembler assembler;
    private final SseDecoder sse;
    private final ChunkParser parser = new ChunkParser();
    private final Chunk chunk = new Chunk();
    /** Events decoded so far; comments are not events (how heartbeats are told apart). */
    private long events;

    /** Creates a decoder with the default event size limit. */
    public ResponseDecoder(MessageAssembler assembler) {
        this(assembler, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
    }

    /** Creates a decoder whose SSE lines and events may hold at most {@code maxEventBytes}. */
    public ResponseDecoder(MessageAssembler assembler, int maxEventBytes) {
        this.assembler = assembler;
        this.sse = new SseDecoder(this, maxEventBytes);
    }

    /** Returns how many events (data payloads) were decoded so far. */
    public long events() {
        return events;
    }

    /**
     * Consumes one network read of an event stream. Its events are handed on together, and the
     * JSON parser lives for the read only: an open stream holds no parser between reads.
     */
    public void feed(ByteBuffer bytes) {
        assembler.beginBatch();
        try {
            sse.feed(bytes);
        } finally {
            parser.close();
            assembler.endBatch();
        }
    }

    /** The event stream's body ended: pending data is dispatched, then the message ends. */
    public void end() {
        sse.end();
        assembler.end();
        parser.close();
    }

    /** Decodes a whole non-streaming JSON completion. */
    public void completion(byte[] body) {
        byte[] padded = java.util.Arrays.copyOf(body, body.length + 1);
        padded[body.length] = '\n';
        onData(padded, 0, body.length);
        assembler.end();
        parser.close();
    }

    @Override
    public void onData(byte[] bytes, int offset, int length) {
        if (assembler.isTerminated()) {
            return;
        }
        events++;
        try {
            if (parser.parse(bytes, offset, length, chunk)) {
                assembler.classifyError(chunk);
                assembler.accept(chunk);
            }
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage();
            assembler.fail(ErrorKind.PROTOCOL, "invalid JSON in the stream (" + reason + "): "
                    + snippet(bytes, offset, length), false);
        }
    }

    @Override
    public void onComment() {
        // a heartbeat: its bytes count as life for the transport, up to the heartbeat timeout
    }

    @Override
    public void onDone() {
        assembler.end();
        parser.close();
    }

    @Override
    public void onTooLarge(int limit) {
        assembler.fail(ErrorKind.PROTOCOL, "the server sent an event or line larger than "
                + limit + " bytes (the engine's maxEventSize); the stream was stopped", false);
    }

    private static String snippet(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, Math.min(length, SNIPPET * 4),
                StandardCharsets.UTF_8);
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
    }
}
