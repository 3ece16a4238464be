package dev.providers.engine.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import org.junit.jupiter.api.Test;

/** When the batched channel passes a read to the socket and when it answers 0 itself. */
class BatchedReadChannelTest {

    private boolean wanted = true;

    /** A socket that fills every read with {@code first} and counts its reads. */
    private static final class Socket implements ByteChannel {
        int reads;
        byte first = 'H';

        @Override
        public int read(ByteBuffer dst) {
            reads++;
            int n = dst.remaining();
            while (dst.hasRemaining()) {
                dst.put(first);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() { }
    }

    private static ByteBuffer holding(int unread) {
        return ByteBuffer.allocate(32 * 1024).position(unread);
    }

    @Test
    void aBufferRunningLowAlwaysReadsTheSocket() throws Exception {
        Socket socket = new Socket();
        BatchedReadChannel channel = new BatchedReadChannel(socket, () -> wanted);
        assertEquals(32 * 1024, channel.read(holding(0)));
        assertEquals(32 * 1024 - 100, channel.read(holding(100)));
        assertEquals(32 * 1024 - BatchedReadChannel.LOW_WATER + 1,
                channel.read(holding(BatchedReadChannel.LOW_WATER - 1)));
        assertEquals(3, socket.reads);
        assertEquals(0, channel.skips());
    }

    @Test
    void aFullBufferThatIsBeingConsumedSkipsTheSocketUntilItRunsLow() throws Exception {
        Socket socket = new Socket();
        BatchedReadChannel channel = new BatchedReadChannel(socket, () -> wanted);
        // a chunk decoder filling at every chunk head of 300-byte chunks
        int unread = 32 * 1024;
        int skipped = 0;
        while (unread >= BatchedReadChannel.LOW_WATER) {
            assertEquals(0, channel.read(holding(unread)), "skipped at " + unread);
            skipped++;
            unread -= 300;
        }
        assertEquals(0, socket.reads);
        assertEquals(32 * 1024 - unread, channel.read(holding(unread)), "read once it ran low");
        assertEquals(1, socket.reads);
        assertEquals(skipped, channel.skips());
    }

    @Test
    void aCallerThatConsumedNothingSinceTheLastSkipGetsARealRead() throws Exception {
        // e.g. a line longer than the low-water mark at the buffer's start: without more bytes
        // the caller cannot progress, and a second 0 would leave it spinning on the selector
        Socket socket = new Socket();
        BatchedReadChannel channel = new BatchedReadChannel(socket, () -> wanted);
        assertEquals(0, channel.read(holding(5000)));
        assertEquals(32 * 1024 - 5000, channel.read(holding(5000)));
        assertEquals(0, channel.read(holding(6000)), "after a real read it may skip again");
        assertEquals(32 * 1024 - 7000, channel.read(holding(7000)), "grew: nothing consumed");
        assertEquals(2, socket.reads);
    }

    @Test
    void nothingIsReadWhileTheConnectionWantsNoInput() throws Exception {
        Socket socket = new Socket();
        BatchedReadChannel channel = new BatchedReadChannel(socket, () -> wanted);
        assertEquals(32 * 1024, channel.read(holding(0)), "the response starts");
        wanted = false; // the consumer's capacity window is spent
        assertEquals(0, channel.read(holding(0)));
        assertEquals(0, channel.read(holding(100)));
        assertEquals(1, socket.reads, "the rest stays in the kernel");
        wanted = true;
        assertEquals(32 * 1024 - 100, channel.read(holding(100)));
        assertEquals(2, socket.reads);
    }

    @Test
    void aTlsConnectionIsPassedThroughUntouched() throws Exception {
        Socket socket = new Socket();
        socket.first = BatchedReadChannel.TLS_HANDSHAKE;
        BatchedReadChannel channel = new BatchedReadChannel(socket, () -> wanted);
        channel.read(holding(0));
        wanted = false;
        assertEquals(32 * 1024 - 5000, channel.read(holding(5000)), "neither skipped nor paused");
        assertEquals(2, socket.reads);
        assertEquals(0, channel.skips());
    }
}
