package dev.providers.conformance.redaction;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that passes text on with every secret redacted, for consoles. It forwards on each
 * {@link #flush()}, so streamed text still appears as it comes, but holds back the few trailing
 * characters that could be the beginning of a secret until the text that follows shows whether
 * they are; {@link #close()} forwards the rest and flushes, but leaves the target open (it is
 * usually the process's stdout).
 *
 * <p>Thread-safety: thread-safe (synchronized on the writer's lock).
 */
public final class RedactingWriter extends Writer {

    /** Text held without a flush is forwarded once it grows past this, bounding memory. */
    private static final int MAX_PENDING = 64 * 1024;

    private final Writer target;
    private final Redactor redactor;
    private final StringBuilder pending = new StringBuilder();

    /** Returns a writer that forwards to {@code target} with {@code redactor} applied. */
    public RedactingWriter(Writer target, Redactor redactor) {
        this.target = target;
        this.redactor = redactor;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        synchronized (lock) {
            pending.append(buffer, offset, length);
            if (pending.length() > MAX_PENDING) {
                forward(false);
            }
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        synchronized (lock) {
            pending.append(text, offset, offset + length);
            if (pending.length() > MAX_PENDING) {
                forward(false);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            forward(false);
            target.flush();
        }
    }

    /** Forwards everything held, even a possible beginning of a secret, and flushes. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            forward(true);
            target.flush();
        }
    }

    private void forward(boolean all) throws IOException {
        if (pending.length() == 0) {
            return;
        }
        String text = redactor.redact(pending.toString());
        int keep = all ? 0 : redactor.pendingSuffix(text);
        target.write(text, 0, text.length() - keep);
        pending.setLength(0);
        pending.append(text, text.length() - keep, text.length());
    }
}
