package dev.providers.engine.internal.concurrent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Backpressure for one stream: counts what the stream holds between its socket and its consumer
 * (reads waiting to be decoded, events waiting to be consumed, with their size) and tells the
 * transport when to stop reading. Above a high mark ({@code maxEvents} events, {@code maxBytes}
 * bytes of events, or {@value #MAX_UNDECODED} bytes of reads not yet decoded) the transport is
 * paused; once the holdings are down to half of every mark, the resume action runs and reading
 * goes on. A slow consumer thus slows its own socket, and the heap holds at most about the marks
 * plus one network read.
 *
 * <p>Thread-safety: every method may be called from any thread. Exactly one of {@link #admit}
 * and {@link #taken} resumes a paused transport.
 */
public final class FlowGate {

    /**
     * Reads waiting to be decoded pause the transport above this many bytes: decoding, not the
     * socket, is then what limits the stream, and holding more would only cost heap (and, for
     * the transport, arrays it cannot recycle).
     */
    public static final long MAX_UNDECODED = 128 * 1024;

    /** A gate that never pauses, for streams nothing reads from a socket. */
    public static final FlowGate OPEN = new FlowGate(Integer.MAX_VALUE, Long.MAX_VALUE);

    private final long maxEvents;
    private final long maxBytes;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong undecoded = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile @Nullable Runnable resume;
    /** The stream has ended: what is left of its body is read whatever the consumer does. */
    private volatile boolean open;

    /** Creates a gate with these high marks. */
    public FlowGate(int maxEvents, long maxBytes) {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("marks must be >= 1, were " + maxEvents + ", "
                    + maxBytes);
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Notes {@code count} events and {@code size} bytes taken in. */
    public void queued(int count, long size) {
        if (count != 0) {
            events.addAndGet(count);
        }
        if (size != 0) {
            bytes.addAndGet(size);
        }
    }

    /** Notes {@code count} events and {@code size} bytes handed on; may resume the transport. */
    public void taken(int count, long size) {
        if (count != 0) {
            events.addAndGet(-count);
        }
        if (size != 0) {
            bytes.addAndGet(-size);
        }
        resumeIfLow();
    }

    /** Notes a read of {@code size} bytes queued to be decoded. */
    public void undecodedQueued(long size) {
        undecoded.addAndGet(size);
    }

    /** Notes a queued read decoded; may resume the transport. */
    public void undecodedTaken(long size) {
        undecoded.addAndGet(-size);
        resumeIfLow();
    }

    private void resumeIfLow() {
        if (paused.get() && belowLow() && paused.compareAndSet(true, false)) {
            Runnable action = resume;
            if (action != null) {
                action.run();
            }
        }
    }

    /**
     * Asks whether the transport may read more now. If not, the gate is paused and
     * {@code resumeAction} runs (on the consumer's thread) once it may.
     */
    public boolean admit(Runnable resumeAction) {
        if (open || !aboveHigh()) {
            return true;
        }
        resume = resumeAction; // written before the flag, so a resuming thread sees it
        paused.set(true);
        // the consumer may have drained meanwhile, without seeing the flag
        return belowLow() && paused.compareAndSet(true, false);
    }

    /**
     * Stops pausing for good, and resumes a paused transport: the stream's last event is out,
     * and the rest of the body (its end, a trailer) must be read so that the connection is
     * released, even if the consumer never takes another event.
     */
    public void openForGood() {
        open = true;
        if (paused.compareAndSet(true, false)) {
            Runnable action = resume;
            if (action != null) {
                action.run();
            }
        }
    }

    /** Returns whether the transport is paused, waiting for the consumer. */
    public boolean isPaused() {
        return paused.get();
    }

    /** Returns the events held now (for tests and diagnostics). */
    public long events() {
        return events.get();
    }

    private boolean aboveHigh() {
        return events.get() > maxEvents || bytes.get() > maxBytes
                || undecoded.get() > MAX_UNDECODED;
    }

    private boolean belowLow() {
        return events.get() <= maxEvents / 2 && bytes.get() <= maxBytes / 2
                && undecoded.get() <= MAX_UNDECODED / 2;
    }
}
