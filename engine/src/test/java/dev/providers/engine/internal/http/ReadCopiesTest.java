package dev.providers.engine.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which reads get recycled batches, how large they are, and who may append to them. */
class ReadCopiesTest {

    private final Consumer<ReadBatch> stream = batch -> { };
    private final Consumer<ReadBatch> other = batch -> { };

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void everyReadGetsRoomAndAtMostTwiceItsSize() {
        ReadCopies copies = new ReadCopies();
        for (int length = 1; length <= 40_000; length += 97) {
            int capacity = copies.take(length, stream).capacity();
            assertTrue(capacity >= length, "room for " + length);
            if (length > ReadCopies.EXACT && length <= ReadCopies.SIZE) {
                assertTrue(capacity < 2 * length || capacity == 512, length + " got " + capacity);
            } else {
                assertEquals(length, capacity, "exact for tiny and oversized reads");
            }
        }
    }

    @Test
    void givenBackBatchesAreReusedForReadsOfTheirSizeOnly() {
        ReadCopies copies = new ReadCopies();
        ReadBatch medium = copies.take(5000, stream);
        assertEquals(8192, medium.capacity());
        copies.give(medium);
        assertSame(medium, copies.take(4097, other), "same size: recycled");
        copies.give(medium);
        assertNotSame(medium, copies.take(9000, stream), "a larger size has its own batches");
        ReadBatch tiny = copies.take(ReadCopies.EXACT, stream);
        copies.give(tiny);
        assertNotSame(tiny, copies.take(ReadCopies.EXACT, stream), "exact batches are not kept");
    }

    @Test
    void atMostAFewBatchesAreKeptPerSize() {
        ReadCopies copies = new ReadCopies();
        ReadBatch[] taken = new ReadBatch[100];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = copies.take(ReadCopies.SIZE, stream);
        }
        for (ReadBatch batch : taken) {
            copies.give(batch);
        }
        int reused = 0;
        for (int i = 0; i < taken.length; i++) {
            ReadBatch again = copies.take(ReadCopies.SIZE, stream);
            for (ReadBatch old : taken) {
                if (old == again) {
                    reused++;
                    break;
                }
            }
        }
        assertEquals(16, reused, "the rest were left to the garbage collector");
    }

    @Test
    void readsJoinABatchUntilTheLaneStartsItOrItIsFull() {
        ReadBatch batch = new ReadCopies().take(1000, stream);
        assertEquals(ReadBatch.Append.DONE, batch.append(bytes("a".repeat(600)), stream));
        assertEquals(ReadBatch.Append.DONE, batch.append(bytes("b".repeat(400)), stream));
        assertEquals(ReadBatch.Append.FULL, batch.append(bytes("c".repeat(100)), stream));
        ByteBuffer held = batch.start();
        assertEquals("a".repeat(600) + "b".repeat(400),
                StandardCharsets.US_ASCII.decode(held).toString());
        assertEquals(ReadBatch.Append.CLOSED, batch.append(bytes("d"), stream), "started");
    }

    @Test
    void aRecycledBatchTakesNoReadsFromTheStreamThatHadItBefore() {
        ReadCopies copies = new ReadCopies();
        ReadBatch batch = copies.take(1000, stream);
        batch.append(bytes("first"), stream);
        batch.start();
        copies.give(batch);
        ReadBatch reused = copies.take(1000, other);
        assertSame(batch, reused);
        // the first stream still holds the reference as its last batch
        assertEquals(ReadBatch.Append.CLOSED, batch.append(bytes("late"), stream));
        assertEquals(ReadBatch.Append.DONE, reused.append(bytes("mine"), other));
        assertEquals("mine", StandardCharsets.US_ASCII.decode(reused.start()).toString());
    }

    @Test
    void aBatchKeptForReuseDoesNotKeepItsFinishedStreamReachable() throws Exception {
        ReadCopies copies = new ReadCopies();
        Consumer<ReadBatch> finished = new Consumer<>() { // a fresh object, unlike a lambda
            @Override
            public void accept(ReadBatch batch) { }
        };
        WeakReference<Consumer<ReadBatch>> stream = new WeakReference<>(finished);
        ReadBatch batch = copies.take(1000, finished);
        batch.append(bytes("last"), finished);
        batch.start();
        copies.give(batch);
        finished = null;
        for (int i = 0; i < 50 && stream.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(stream.get(), "the free list held on to the stream's decoder");
        assertSame(batch, copies.take(1000, other), "and the batch is still reused");
    }
}
