package dev.providers.maven;

import java.io.Writer;
import java.util.function.Consumer;

/**
 * A writer that hands each complete line to a Maven log method, so that what the kit prints
 * appears in the build's log; a line longer than {@link #MAX_LINE} characters is handed on in
 * pieces, so a server that never sends a line end cannot grow it without bound.
 *
 * <p>Thread-safety: thread-safe; the kit's progress and its streams may print from several
 * threads, and each line is assembled under this writer's lock.
 */
final class LineLog extends Writer {

    /** The longest piece handed to the log at once. */
    static final int MAX_LINE = 16 * 1024;

    private final Consumer<String> log;
    private final StringBuilder line = new StringBuilder();

    LineLog(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        synchronized (lock) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    emit();
                } else if (c != '\r') {
                    line.append(c);
                    if (line.length() >= MAX_LINE) {
                        emit();
                    }
                }
            }
        }
    }

    /** Keeps a partial line until its end arrives; a progress line is finished by its end. */
    @Override
    public void flush() { }

    /** Hands on what is left of the last line. */
    @Override
    public void close() {
        synchronized (lock) {
            if (!line.isEmpty()) {
                emit();
            }
        }
    }

    private void emit() {
        log.accept(line.toString());
        line.setLength(0);
    }
}
