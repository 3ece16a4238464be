package dev.providers.engine.internal.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.function.BooleanSupplier;

/**
 * The socket reads of a plain HTTP/1 connection, batched and bounded.
 *
 * <p>Batched: HttpClient's chunk decoder fills its session buffer from the socket at every chunk
 * head, so a stream of small chunks (one SSE event each) costs one system call per event, each
 * returning just the few hundred bytes the last chunk freed. This channel skips those reads
 * while the caller's buffer still holds at least {@value #LOW_WATER} unread bytes, so one read
 * brings many chunks. Nothing is ever held back: a skipped read leaves the bytes in the kernel,
 * where the reactor's level-triggered selector keeps reporting them. And a read is skipped only
 * when the caller has consumed something since the last skip (its buffer holds fewer bytes than
 * then), so a caller that cannot progress without more bytes (a long line at the buffer's start)
 * gets a real read the next time it asks, exactly as without this channel.
 *
 * <p>Bounded: while the connection does not want input (HttpClient clears its read interest
 * when the consumer's capacity window is spent) nothing is read. HttpClient's decoder goes on
 * filling its buffer at every chunk head until the socket is empty, whatever the window, so
 * without this a consumer that falls behind a faster server would be handed the whole stream.
 *
 * <p>TLS: the session beneath a TLS layer is decorated too, but its reads are the TLS layer's
 * (records into its own buffer, read as the selector reports them). The first bytes tell: a TLS
 * record starts with {@value #TLS_HANDSHAKE}, an HTTP response with {@code H}; a TLS connection's
 * reads are passed through untouched. (A TLS tunnel through a proxy starts with the proxy's
 * plain answer and keeps both behaviours; the TLS layer reads only when the selector reports
 * input and copes with a read of 0, so a skip costs it at most one more round, never bytes.)
 *
 * <p>Thread-safety: confined to the session's I/O thread, like the channel it wraps.
 */
final class BatchedReadChannel implements ByteChannel {

    /** Reads are skipped while the caller's buffer holds at least this many unread bytes. */
    static final int LOW_WATER = 2048;
    /** The content type of the TLS handshake record every TLS connection starts with. */
    static final byte TLS_HANDSHAKE = 0x16;

    private final ByteChannel channel;
    private final BooleanSupplier inputWanted;
    /** Unread bytes in the caller's buffer at the last skip; MAX_VALUE after a real read. */
    private int bufferedAtSkip = Integer.MAX_VALUE;
    /** Whether the first bytes have been seen, and whether they were a TLS record's. */
    private boolean identified;
    private boolean tls;
    private long skips;

    /** Wraps {@code channel}; {@code inputWanted} says whether the connection wants input. */
    BatchedReadChannel(ByteChannel channel, BooleanSupplier inputWanted) {
        this.channel = channel;
        this.inputWanted = inputWanted;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (tls) {
            return channel.read(dst);
        }
        if (identified && !inputWanted.getAsBoolean()) {
            skips++;
            return 0;
        }
        // A buffer in input mode holds its unread bytes before position (HttpClient compacts it
        // before every fill); any other caller starts at 0 and always gets a real read.
        int buffered = dst.position();
        if (buffered >= LOW_WATER && buffered < bufferedAtSkip) {
            bufferedAtSkip = buffered;
            skips++;
            return 0;
        }
        bufferedAtSkip = Integer.MAX_VALUE;
        int n = channel.read(dst);
        if (!identified && n > 0) {
            identified = true;
            tls = dst.get(dst.position() - n) == TLS_HANDSHAKE;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Returns the reads answered with 0 so far without asking the socket. */
    long skips() {
        return skips;
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
