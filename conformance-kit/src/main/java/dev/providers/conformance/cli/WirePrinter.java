package dev.providers.conformance.cli;

import dev.providers.engine.event.WireObserver;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code chat --wire}: prints each attempt's request (the engine has masked its secrets) with
 * {@code >} lines, the response head with {@code <} lines, the body bytes as they came, and how
 * the attempt ended. The body is decoded as UTF-8 across reads, so a character split between
 * two reads prints whole. The writer it is given redacts secrets a server echoes.
 *
 * <p>Thread-safety: the engine calls an observer in order, one call at a time;
 * {@link #awaitEnds} may be called from any thread.
 */
final class WirePrinter implements WireObserver {

    private final PrintWriter err;
    private final Map<Integer, Utf8Pieces> bodies = new HashMap<>();
    /** Attempts sent whose end has not been printed yet. */
    private int open;

    WirePrinter(PrintWriter err) {
        this.err = err;
    }

    /**
     * Waits, at most {@code limit}, until every attempt sent has printed its end: the engine may
     * hand the stream's last event to the listener before the connection's end reaches here.
     */
    synchronized void awaitEnds(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long left = limit.toNanos(); open > 0 && left > 0;
                left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void request(int attempt, URI uri, List<Map.Entry<String, String>> headers,
            byte[] body) {
        synchronized (this) {
            open++;
        }
        err.println("> POST " + uri + (attempt > 0 ? "   (retry " + attempt + ")" : ""));
        headers.forEach(header -> err.println("> " + header.getKey() + ": "
                + header.getValue()));
        err.println(">");
        err.println(new String(body, StandardCharsets.UTF_8));
        err.flush();
    }

    @Override
    public void response(int attempt, int status, List<Map.Entry<String, String>> headers) {
        err.println("< HTTP " + status);
        headers.forEach(header -> err.println("< " + header.getKey() + ": "
                + header.getValue()));
        err.println("<");
        err.flush();
    }

    @Override
    public void body(int attempt, byte[] bytes) {
        err.print(bodies.computeIfAbsent(attempt, a -> new Utf8Pieces()).decode(bytes, false));
        err.flush();
    }

    @Override
    public void end(int attempt, String outcome) {
        Utf8Pieces pieces = bodies.remove(attempt);
        if (pieces != null) {
            err.print(pieces.decode(new byte[0], true));
        }
        err.println("= " + outcome);
        err.flush();
        synchronized (this) {
            open--;
            notifyAll();
        }
    }

    /** A UTF-8 decoder that keeps an incomplete character for the next read. */
    private static final class Utf8Pieces {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private byte[] carry = new byte[0];

        String decode(byte[] bytes, boolean last) {
            ByteBuffer in = ByteBuffer.allocate(carry.length + bytes.length);
            in.put(carry).put(bytes).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, last);
            if (last) {
                decoder.flush(out);
            }
            carry = new byte[in.remaining()];
            in.get(carry);
            return out.flip().toString();
        }
    }
}
