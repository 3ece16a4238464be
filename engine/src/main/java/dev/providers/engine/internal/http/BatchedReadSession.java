package dev.providers.engine.internal.http;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.Lock;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ssl.SSLIOSession;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * A plain-socket I/O session whose reads, its own and its {@link #channel()}'s, go through a
 * {@link BatchedReadChannel}; every other call goes to the reactor's session unchanged.
 *
 * <p>Thread-safety: as the session it wraps.
 */
final class BatchedReadSession implements IOSession {

    private final IOSession session;
    private final BatchedReadChannel channel;

    /**
     * Wraps a plain socket session; a TLS session (HttpClient decorates it too) is returned as it
     * is, because its channel reads decrypted bytes from memory, never from the socket.
     */
    static IOSession decorate(IOSession session) {
        return session instanceof SSLIOSession ? session : new BatchedReadSession(session);
    }

    BatchedReadSession(IOSession session) {
        this.session = session;
        this.channel = new BatchedReadChannel(session.channel(), this::inputWanted);
    }

    @Override
    public ByteChannel channel() {
        return channel;
    }

    /** Whether the reactor is asked to report input (HttpClient's capacity window is open). */
    private boolean inputWanted() {
        try {
            return (session.getEventMask() & SelectionKey.OP_READ) != 0;
        } catch (CancelledKeyException e) {
            return true; // closing: let the read report what the socket says
        }
    }

    @Override
    public IOEventHandler getHandler() {
        return session.getHandler();
    }

    @Override
    public void upgrade(IOEventHandler handler) {
        session.upgrade(handler);
    }

    @Override
    public Lock getLock() {
        return session.getLock();
    }

    @Override
    public void enqueue(Command command, Command.Priority priority) {
        session.enqueue(command, priority);
    }

    @Override
    public boolean hasCommands() {
        return session.hasCommands();
    }

    @Override
    public @Nullable Command poll() {
        return session.poll();
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return session.getRemoteAddress();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return session.getLocalAddress();
    }

    @Override
    public int getEventMask() {
        return session.getEventMask();
    }

    @Override
    public void setEventMask(int ops) {
        session.setEventMask(ops);
    }

    @Override
    public void setEvent(int op) {
        session.setEvent(op);
    }

    @Override
    public void clearEvent(int op) {
        session.clearEvent(op);
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void close(CloseMode closeMode) {
        session.close(closeMode);
    }

    @Override
    public Status getStatus() {
        return session.getStatus();
    }

    @Override
    public Timeout getSocketTimeout() {
        return session.getSocketTimeout();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        session.setSocketTimeout(timeout);
    }

    @Override
    public long getLastReadTime() {
        return session.getLastReadTime();
    }

    @Override
    public long getLastWriteTime() {
        return session.getLastWriteTime();
    }

    @Override
    public long getLastEventTime() {
        return session.getLastEventTime();
    }

    @Override
    public void updateReadTime() {
        session.updateReadTime();
    }

    @Override
    public void updateWriteTime() {
        session.updateWriteTime();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst); // HttpClient's HTTP/1 layer reads the session itself
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return session.write(src);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
