package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The byte side of an event stream: {@code data: <json>\n\n} events, comment lines and the final
 * {@code data: [DONE]}, each flushed at once and followed by the configured pause, so that a
 * client can cancel between chunks. A write to a connection the client closed throws.
 */
final class SseStream {

    private final OutputStream out;
    private final long pauseNanos;

    SseStream(OutputStream out, Duration pause) {
        this.out = out;
        this.pauseNanos = pause.toNanos();
    }

    /** Writes one {@code data:} event. */
    void data(JsonNode chunk) throws IOException {
        write("data: " + Json.text(chunk) + "\n\n");
        pause();
    }

    /** Writes one event with an {@code event:} name and a {@code data:} line. */
    void event(String name, JsonNode data) throws IOException {
        write("event: " + name + "\ndata: " + Json.text(data) + "\n\n");
        pause();
    }

    /** Writes one {@code data:} event with CRLF line ends, as Google's servers frame them. */
    void dataCrlf(JsonNode chunk) throws IOException {
        write("data: " + Json.text(chunk) + "\r\n\r\n");
        pause();
    }

    /** Writes a comment line ({@code :} + text) and the blank line after it. */
    void comment(String text) throws IOException {
        write(":" + text + "\n\n");
    }

    /** Writes {@code data: [DONE]}. */
    void done() throws IOException {
        write("data: [DONE]\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void pause() throws InterruptedIOException {
        if (pauseNanos <= 0) {
            return;
        }
        try {
            Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the server is stopping");
        }
    }
}
