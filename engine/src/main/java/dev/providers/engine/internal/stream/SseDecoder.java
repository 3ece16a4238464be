package dev.providers.engine.internal.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits a server-sent-events byte stream into event payloads, working on bytes so that events
 * and UTF-8 characters may be split anywhere between network reads.
 *
 * <p>Lines end with LF, CRLF or CR (a CR at the end of one read may be followed by the LF in the
 * next). A leading UTF-8 BOM is skipped. Lines starting with {@code :} are comments (OpenRouter's
 * {@code : OPENROUTER PROCESSING}, llama.cpp heartbeats): ignored but reported as liveness.
 * {@code data:} lines, with or without one following space, accumulate joined by {@code \n}; an
 * {@code event:} line names the event; a blank line dispatches them; {@code id:} and
 * {@code retry:} are ignored. The end of the body dispatches data still pending. What a payload
 * means (such as chat completions' {@code [DONE]}) is the dialect's business.
 *
 * <p>The hot path copies nothing: lines are found in the read's own array, and an event whose
 * one data line and blank line arrive in the same read is handed over in place. Bytes are
 * copied only for a line that continues in the next read or an event of several data lines or
 * reads; the buffers for that are allocated when first needed.
 *
 * <p>Bounded: a line, and an event's data, may hold at most {@code maxEventBytes} bytes; beyond
 * that the decoder reports {@link Handler#onTooLarge} once and reads nothing more, so a server
 * that never sends a newline costs at most that much memory.
 *
 * <p>Thread-safety: not thread-safe; one decoder per stream, fed by one thread at a time.
 */
public final class SseDecoder {

    /** Receives what the decoder finds. */
    public interface Handler {
        /**
         * One event: its name ({@code event:}, or null) and its payload,
         * {@code bytes[offset..offset + length)}, followed by one spare whitespace byte at
         * {@code bytes[offset + length]} so that parsers can see where the value ends. The bytes
         * are valid only during the call and must not be modified.
         */
        void onData(@Nullable String event, byte[] bytes, int offset, int length);

        /** A comment line: the server is alive. */
        void onComment();

        /** A line or an event exceeded {@code limit} bytes; nothing more will be reported. */
        void onTooLarge(int limit);
    }

    /** What a line may hold beyond the event limit: its field name and separator. */
    private static final int FIELD_ROOM = 16;

    /** The default limit of a line and of an event: above the largest real event. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private static final byte[] NONE = new byte[0];
    /** The first size of the carry-over buffers; they double from there. */
    private static final int FIRST_SIZE = 256;
    /** The size of the copy window for buffers without an accessible array. */
    private static final int WINDOW = 4096;

    /** Eight bytes at a time, to find line ends in long lines. */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final Handler handler;
    private final int maxEventBytes;
    /** The start of a line that continues in the next read. */
    private byte[] line = NONE;
    private int lineLength;
    /** The data of the pending event when it had to be copied: lines joined by {@code \n}. */
    private byte[] data = NONE;
    private int dataLength;
    /** The read's array holding the pending event's one data line in place, or null. */
    private byte @Nullable [] held;
    private int heldOffset;
    private int heldLength;
    private boolean hasData;
    /** The pending event's name, or null. */
    private @Nullable String eventName;
    /** The last line ended with a CR at the end of a read: a leading LF completes the CRLF. */
    private boolean afterCr;
    private boolean started;
    /** The decoder stopped at a size limit: nothing more is read. */
    private boolean done;
    private byte[] window = NONE;

    /** Creates a decoder that reports to {@code handler}, with the default size limit. */
    public SseDecoder(Handler handler) {
        this(handler, DEFAULT_MAX_EVENT_BYTES);
    }

    /** Creates a decoder whose lines and events may hold at most {@code maxEventBytes}. */
    public SseDecoder(Handler handler, int maxEventBytes) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be >= 1, was "
                    + maxEventBytes);
        }
        this.handler = handler;
        this.maxEventBytes = maxEventBytes;
    }

    /** Returns whether the decoder stopped at a size limit. */
    public boolean isDone() {
        return done;
    }

    /**
     * Consumes the bytes of one network read; the buffer's position ends after the last byte
     * used, which is its limit unless the decoder stopped at a size limit.
     */
    public void feed(ByteBuffer src) {
        if (src.hasArray()) {
            int base = src.arrayOffset();
            int stop = scan(src.array(), base + src.position(), base + src.limit());
            src.position(stop - base);
            return;
        }
        // a direct or read-only buffer: decode it through a small copy window
        while (src.hasRemaining() && !done) {
            if (window.length == 0) {
                window = new byte[WINDOW];
            }
            int start = src.position();
            int n = Math.min(src.remaining(), window.length);
            src.get(window, 0, n);
            src.position(start + scan(window, 0, n));
        }
    }

    /** Consumes bytes from an array; a convenience for tests and non-NIO callers. */
    public void feed(byte[] bytes) {
        scan(bytes, 0, bytes.length);
    }

    /** Ends the body: a last unterminated line and pending data are dispatched. */
    public void end() {
        if (done) {
            return;
        }
        if (lineLength > 0) {
            int length = lineLength;
            lineLength = 0;
            line(line, 0, length, false);
        }
        if (!done && hasData) {
            dispatch();
        }
    }

    /** Decodes {@code a[from..to)}; returns the index after the last byte used. */
    private int scan(byte[] a, int from, int to) {
        int i = from;
        if (afterCr && i < to) {
            afterCr = false;
            if (a[i] == '\n') {
                i++; // the LF of a CRLF split across reads
            }
        }
        while (i < to && !done) {
            int end = lineEnd(a, i, to);
            if (end == to) {
                appendLine(a, i, to - i); // continues in the next read
                i = to;
                break;
            }
            if (lineLength == 0) {
                line(a, i, end, true);
            } else {
                appendLine(a, i, end - i);
                if (done) {
                    break;
                }
                int length = lineLength;
                lineLength = 0;
                line(line, 0, length, false);
            }
            i = end + 1;
            if (a[end] == '\r' && !done) {
                if (i == to) {
                    afterCr = true;
                } else if (a[i] == '\n') {
                    i++;
                }
            }
        }
        if (held == a) {
            keepHeld(); // the read's array is not ours after this call
        }
        return i;
    }

    /** Returns the index of the first CR or LF in {@code a[from..to)}, or {@code to}. */
    private static int lineEnd(byte[] a, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(a, i);
            long lf = x ^ 0x0A0A0A0A0A0A0A0AL;
            long cr = x ^ 0x0D0D0D0D0D0D0D0DL;
            // exact for the first zero byte of each: the lowest flag is the first line end
            long hits = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
            i += 8;
        }
        while (i < to && a[i] != '\n' && a[i] != '\r') {
            i++;
        }
        return i;
    }

    /**
     * Handles one complete line {@code a[from..to)}; {@code inRead} says that {@code a} is the
     * read's array, where the line terminator follows at {@code a[to]}.
     */
    private void line(byte[] a, int from, int to, boolean inRead) {
        if (!started) {
            started = true;
            if (to - from >= 3 && (a[from] & 0xFF) == 0xEF && (a[from + 1] & 0xFF) == 0xBB
                    && (a[from + 2] & 0xFF) == 0xBF) {
                from += 3;
            }
        }
        int length = to - from;
        if (length == 0) {
            if (hasData) {
                dispatch();
            } else {
                eventName = null; // an event without data is not dispatched (SSE)
            }
            return;
        }
        if (a[from] == ':') {
            handler.onComment();
            return;
        }
        // the field name runs to the first colon; "data" and "event" mean something
        if (length < 4 || a[from] != 'd' || a[from + 1] != 'a' || a[from + 2] != 't'
                || a[from + 3] != 'a' || (length > 4 && a[from + 4] != ':')) {
            if (length >= 5 && a[from] == 'e' && a[from + 1] == 'v' && a[from + 2] == 'e'
                    && a[from + 3] == 'n' && a[from + 4] == 't'
                    && (length == 5 || a[from + 5] == ':')) {
                eventName(a, from + 5, to);
            }
            return; // id:, retry: and unknown fields
        }
        int value = Math.min(from + 5, to);
        if (value < to && a[value] == ' ') {
            value++;
        }
        int pending = !hasData ? 0 : (held != null ? heldLength : dataLength) + 1;
        if (pending + to - value > maxEventBytes) {
            tooLarge();
            return;
        }
        if (!hasData && inRead) {
            held = a; // the terminator after it is the spare byte onData promises
            heldOffset = value;
            heldLength = to - value;
        } else {
            keepHeld();
            if (hasData) {
                ensureData(1);
                data[dataLength++] = '\n';
            }
            ensureData(to - value);
            System.arraycopy(a, value, data, dataLength, to - value);
            dataLength += to - value;
        }
        hasData = true;
    }

    /** Moves a data line held in the read's array into {@code data}. */
    private void keepHeld() {
        if (held != null) {
            ensureData(heldLength);
            System.arraycopy(held, heldOffset, data, dataLength, heldLength);
            dataLength += heldLength;
            held = null;
        }
    }

    /** Reads an {@code event:} value: after the colon and one optional space. */
    private void eventName(byte[] a, int from, int to) {
        int value = Math.min(from + 1, to);
        if (value < to && a[value] == ' ') {
            value++;
        }
        eventName = new String(a, value, to - value, StandardCharsets.UTF_8);
    }

    private void dispatch() {
        hasData = false;
        String name = eventName;
        eventName = null;
        byte[] bytes;
        int offset;
        int length;
        if (held != null) {
            bytes = held;
            offset = heldOffset;
            length = heldLength;
            held = null;
        } else {
            bytes = data;
            offset = 0;
            length = dataLength;
            dataLength = 0;
            data[length] = '\n'; // ensureData always leaves room for it
        }
        handler.onData(name, bytes, offset, length);
    }

    private void appendLine(byte[] a, int from, int length) {
        if (lineLength + length > maxEventBytes + FIELD_ROOM) {
            tooLarge();
            return;
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(Math.max(FIRST_SIZE, line.length * 2),
                    lineLength + length));
        }
        System.arraycopy(a, from, line, lineLength, length);
        lineLength += length;
    }

    /** Stops decoding for good: the server sent a line or an event beyond the limit. */
    private void tooLarge() {
        done = true;
        lineLength = 0;
        held = null;
        hasData = false;
        line = NONE;
        data = NONE;
        dataLength = 0;
        handler.onTooLarge(maxEventBytes);
    }

    /** Makes room for {@code more} bytes after {@code dataLength}, plus the spare byte. */
    private void ensureData(int more) {
        int needed = dataLength + more + 1;
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(Math.max(FIRST_SIZE, data.length * 2), needed));
        }
    }
}
