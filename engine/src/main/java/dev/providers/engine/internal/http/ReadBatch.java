package dev.providers.engine.internal.http;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Copies of consecutive network reads of one stream, queued as one task to be decoded off the
 * I/O thread. While the decoding lane has not started on it, the I/O thread appends later reads
 * to it, so a stream whose decoding is behind hands the lane one task per several reads. Batches
 * of the common sizes are recycled with their arrays ({@link ReadCopies}), so a fast stream
 * allocates nothing per read.
 *
 * <p>Thread-safety: the I/O thread fills it, the lane starts and decodes it; both hold the
 * batch's monitor to append and to start, and after {@link #start()} the bytes no longer change.
 */
final class ReadBatch implements Runnable {

    private final ByteBuffer buffer;
    private int length;
    private boolean started;
    private @Nullable Consumer<ReadBatch> decoder;

    ReadBatch(int capacity) {
        this.buffer = ByteBuffer.allocate(capacity);
    }

    /** What became of a read offered to a batch. */
    enum Append {
        /** Copied in. */
        DONE,
        /** Left: no room, and the lane has not started on the batch (it is behind). */
        FULL,
        /** Left: the lane has started on the batch, or it was recycled for another stream. */
        CLOSED
    }

    /** Makes the batch empty, to be decoded by {@code decoder} when its task runs. */
    synchronized ReadBatch reset(Consumer<ReadBatch> decoder) {
        length = 0;
        started = false;
        this.decoder = decoder;
        return this;
    }

    /**
     * Forgets the stream the batch was decoded for, before it waits to be reused: a batch kept
     * for reuse must not keep a finished stream (its decoder, its message) reachable.
     */
    synchronized void release() {
        decoder = null;
        started = true;
    }

    /**
     * Copies {@code src} in if this is still {@code owner}'s batch, the lane has not started on
     * it and there is room; else leaves {@code src} as it is. The owner check matters because a
     * stream keeps a reference to its last batch, which may have been decoded and recycled.
     */
    synchronized Append append(ByteBuffer src, Consumer<ReadBatch> owner) {
        if (started || decoder != owner) {
            return Append.CLOSED;
        }
        int n = src.remaining();
        if (buffer.capacity() - length < n) {
            return Append.FULL;
        }
        src.get(buffer.array(), length, n);
        length += n;
        return Append.DONE;
    }

    /** Closes the batch to appends and returns its bytes, to be read once. */
    synchronized ByteBuffer start() {
        started = true;
        return buffer.limit(length).position(0);
    }

    /** Returns the most bytes the batch can hold. */
    int capacity() {
        return buffer.capacity();
    }

    @Override
    public void run() {
        Consumer<ReadBatch> target;
        synchronized (this) {
            target = decoder;
        }
        if (target != null) {
            target.accept(this);
        }
    }
}
