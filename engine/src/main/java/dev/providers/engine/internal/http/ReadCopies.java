package dev.providers.engine.internal.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;

/**
 * Batches for copies of network reads that a stream decodes off the I/O thread. A read of more
 * than {@value #EXACT} bytes takes a recycled batch whose array is the smallest power of two
 * that holds it, up to {@value #SIZE} bytes, so a firehose stream allocates nothing per read
 * and an array is at most twice what it was taken for; a tiny or an oversized read gets a batch
 * of exactly its size, so that many slow streams never hold large arrays.
 *
 * <p>Thread-safety: thread-safe; the I/O threads take, the callback threads give back.
 */
final class ReadCopies {

    /** The largest recycled array: a few of HttpClient's content reads. */
    static final int SIZE = 32 * 1024;
    /** Reads of at most this many bytes get an exact-size batch. */
    static final int EXACT = 256;
    /** Recycled sizes: 512 bytes to 32 KiB. */
    private static final int SMALLEST_SHIFT = 9;
    private static final int LARGEST_SHIFT = 15;
    /** At most this many recycled batches are kept per size (about 1 MiB in all). */
    private static final int KEPT = 16;

    @SuppressWarnings("unchecked")
    private final ArrayBlockingQueue<ReadBatch>[] free =
            new ArrayBlockingQueue[LARGEST_SHIFT - SMALLEST_SHIFT + 1];

    ReadCopies() {
        for (int i = 0; i < free.length; i++) {
            free[i] = new ArrayBlockingQueue<>(KEPT);
        }
    }

    /** Returns an empty batch of at least {@code length} bytes, decoded by {@code decoder}. */
    ReadBatch take(int length, Consumer<ReadBatch> decoder) {
        if (length <= EXACT || length > SIZE) {
            return new ReadBatch(length).reset(decoder);
        }
        int shift = Math.max(SMALLEST_SHIFT, 32 - Integer.numberOfLeadingZeros(length - 1));
        ReadBatch batch = free[shift - SMALLEST_SHIFT].poll();
        return (batch != null ? batch : new ReadBatch(1 << shift)).reset(decoder);
    }

    /** Takes back a batch from {@link #take} once its bytes have been decoded. */
    void give(ReadBatch batch) {
        int capacity = batch.capacity();
        batch.release();
        if (capacity > EXACT && capacity <= SIZE && Integer.bitCount(capacity) == 1) {
            int shift = Integer.numberOfTrailingZeros(capacity);
            free[shift - SMALLEST_SHIFT].offer(batch); // dropped when enough are kept
        }
    }
}
