package dev.providers.engine.internal.http;

import dev.providers.engine.event.WireObserver;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Forwards wire traffic to a {@link WireObserver} off the I/O thread: bytes are copied where they
 * arrive and handed, in order, to the stream's lane (where its listener's events run too, so the
 * two stay in the order they happened). At most {@code maxBodyBytes} of each
 * attempt's body are forwarded (the observer is told when more was cut), so a huge response
 * cannot pile copies up for a slow observer.
 *
 * <p>Thread-safety: any thread may notify; the observer sees one call at a time. Body calls of
 * one attempt come from its I/O thread only.
 */
final class WireNotifier {

    private static final System.Logger LOG = System.getLogger(WireNotifier.class.getName());

    private final WireObserver observer;
    private final Executor serial;
    private final int maxBodyBytes;
    private volatile int forwardedAttempt = -1;
    private volatile long forwarded;

    /** Creates a notifier whose calls run, in order, on {@code lane} (a serial executor). */
    WireNotifier(WireObserver observer, Executor lane, int maxBodyBytes) {
        this.observer = observer;
        this.serial = lane;
        this.maxBodyBytes = maxBodyBytes;
    }

    void request(int attempt, PreparedRequest request) {
        run(() -> observer.request(attempt, request.maskedUri(), request.maskedHeaders(),
                request.body()));
    }

    void response(int attempt, int status, List<Map.Entry<String, String>> headers) {
        run(() -> observer.response(attempt, status, headers));
    }

    void body(int attempt, ByteBuffer src) {
        if (attempt != forwardedAttempt) {
            forwardedAttempt = attempt;
            forwarded = 0;
        }
        long room = maxBodyBytes - forwarded;
        int n = (int) Math.min(room, src.remaining());
        forwarded += src.remaining();
        if (n <= 0) {
            return;
        }
        byte[] copy = new byte[n];
        src.duplicate().get(copy);
        run(() -> observer.body(attempt, copy));
    }

    void end(int attempt, String outcome) {
        String note = attempt == forwardedAttempt && forwarded > maxBodyBytes
                ? " (the observer was given the first " + maxBodyBytes + " of " + forwarded
                        + " body bytes)" : "";
        run(() -> observer.end(attempt, outcome + note));
    }

    private void run(Runnable call) {
        try {
            serial.execute(call); // the lane logs what a call throws
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "the engine is closing; a wire notification was dropped", e);
        }
    }
}
