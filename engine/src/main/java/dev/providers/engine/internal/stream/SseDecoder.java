package dev.providers.engine.internal.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits a server-sent-events byte stream into event payloads, working on bytes so that events
 * and UTF-8 characters may be split anywhere between network reads.
 *
 * <p>Lines end with LF, CRLF or CR (a CR at the end of one read may be followed by the LF in the
 * next). A leading UTF-8 BOM is skipped. Lines starting with {@code :} are comments (OpenRouter's
 * {@code : OPENROUTER PROCESSING}, llama.cpp heartbeats): ignored but reported as liveness.
 * {@code data:} lines, with or without one following space, accumulate joined by {@code \n}; a
 * blank line dispatches them; {@code event:}, {@code id:} and {@code retry:} are ignored.
 * {@code data: [DONE]} ends the stream and everything after it is ignored; so does the end of
 * the body, which first dispatches data still pending.
 *
 * <p>Thread-safety: not thread-safe; one decoder per stream, fed by one thread at a time.
 */
public final class SseDecoder {

    /** Receives what the decoder finds. */
    public interface Handler {
        /**
         * One event's payload: {@code bytes[0..length)}, followed by one spare newline byte at
         * {@code bytes[length]} so parsers can see where the value ends. Valid only during the
         * call.
         */
        void onData(byte[] bytes, int length);

        /** A comment line: the server is alive. */
        void onComment();

        /** {@code data: [DONE]}: the stream ended by protocol. */
        void onDone();
    }

    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final Handler handler;
    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] data = new byte[1024];
    private int dataLength;
    private boolean hasData;
    private boolean afterCr;
    private boolean started;
    private boolean done;

    /** Creates a decoder that reports to {@code handler}. */
    public SseDecoder(Handler handler) {
        this.handler = handler;
    }

    /** Returns whether {@code [DONE]} was seen. */
    public boolean isDone() {
        return done;
    }

    /** Consumes the bytes of one network read. */
    public void feed(ByteBuffer src) {
        while (src.hasRemaining() && !done) {
            byte b = src.get();
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF split across reads, or right after the CR
                }
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                endLine();
            } else {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
    }

    /** Consumes bytes from an array; a convenience for tests and non-NIO callers. */
    public void feed(byte[] bytes) {
        feed(ByteBuffer.wrap(bytes));
    }

    /** Ends the body: a last unterminated line and pending data are dispatched. */
    public void end() {
        if (done) {
            return;
        }
        if (lineLength > 0) {
            endLine();
        }
        if (!done && hasData) {
            dispatch();
        }
    }

    private void endLine() {
        int start = 0;
        if (!started) {
            started = true;
            if (lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                    && (line[2] & 0xFF) == 0xBF) {
                start = 3;
            }
        }
        int length = lineLength - start;
        lineLength = 0;
        if (length == 0) {
            if (hasData) {
                dispatch();
            }
            return;
        }
        if (line[start] == ':') {
            handler.onComment();
            return;
        }
        int colon = -1;
        for (int i = start; i < start + length; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? start + length : colon;
        if (nameEnd - start != 4 || line[start] != 'd' || line[start + 1] != 'a'
                || line[start + 2] != 't' || line[start + 3] != 'a') {
            return; // event:, id:, retry: and unknown fields mean nothing for this dialect
        }
        int valueStart = colon < 0 ? start + length : colon + 1;
        if (valueStart < start + length && line[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = start + length - valueStart;
        if (hasData) {
            append((byte) '\n');
        }
        hasData = true;
        ensureData(valueLength + 1);
        System.arraycopy(line, valueStart, data, dataLength, valueLength);
        dataLength += valueLength;
    }

    private void dispatch() {
        hasData = false;
        int length = dataLength;
        dataLength = 0;
        if (isDone(length)) {
            done = true;
            handler.onDone();
            return;
        }
        ensureData(length + 1);
        data[length] = '\n';
        handler.onData(data, length);
    }

    private boolean isDone(int length) {
        int from = 0;
        int to = length;
        while (from < to && (data[from] == ' ' || data[from] == '\t')) {
            from++;
        }
        while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t')) {
            to--;
        }
        return to - from == DONE.length
                && Arrays.equals(data, from, to, DONE, 0, DONE.length);
    }

    private void append(byte b) {
        ensureData(1);
        data[dataLength++] = b;
    }

    private void ensureData(int more) {
        if (dataLength + more + 1 > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + more + 1));
        }
    }
}
