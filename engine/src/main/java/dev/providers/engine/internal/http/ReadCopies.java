package dev.providers.engine.internal.http;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Byte arrays for copies of network reads that a stream decodes off the I/O thread. Large reads
 * (a fast stream) take a recycled array, so a firehose stream allocates nothing per read; small
 * ones get an exact-size array, so that many slow streams never hold large arrays.
 *
 * <p>Thread-safety: thread-safe; the I/O threads take, the callback threads give back.
 */
final class ReadCopies {

    /** The size of a recycled array: HttpClient's read buffer (Http1Config's default). */
    static final int SIZE = 32 * 1024;
    /** Reads below this size get an exact-size array: a recycled one would waste over 3/4. */
    static final int SMALL = SIZE / 4;
    /** At most this many recycled arrays are kept (512 KB). */
    private static final int KEPT = 16;

    private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(KEPT);

    /** Returns an array of at least {@code length} bytes. */
    byte[] take(int length) {
        if (length < SMALL || length > SIZE) {
            return new byte[length];
        }
        byte[] array = free.poll();
        return array != null ? array : new byte[SIZE];
    }

    /** Takes back an array from {@link #take} once its bytes have been decoded. */
    void give(byte[] array) {
        if (array.length == SIZE) {
            free.offer(array); // dropped when enough are kept
        }
    }
}
