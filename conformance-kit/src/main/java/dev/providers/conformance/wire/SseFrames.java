package dev.providers.conformance.wire;

import dev.providers.conformance.api.ReceivedResponse.Frame;
import dev.providers.conformance.api.WireExchange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Splits a response body into server-sent events, independently of the engine's reader, and
 * notes the framing features it meets (line ends, comments, {@code data:} without a space,
 * multi-line data, other fields, a missing last blank line). Every SSE dialect's view starts
 * here; a body that is not an event stream is one frame.
 *
 * <p>Thread-safety: stateless.
 */
final class SseFrames {

    /** The frames of a body and the framing seen. */
    record Read(List<Frame> frames, Set<String> framing) { }

    private SseFrames() { }

    /**
     * Reads an exchange's body: as an event stream unless it is JSON, which the engine also
     * reads whole.
     */
    static Read of(WireExchange exchange) {
        String body = exchange.responseText();
        String type = contentType(exchange.responseHeaders());
        if (type != null && type.startsWith("application/json")) {
            return new Read(List.of(new Frame(null, body)), Set.of("a " + type + " body"));
        }
        return parse(body);
    }

    /** Reads an SSE body: events end at a blank line, {@code data:} lines of one event join. */
    static Read parse(String body) {
        Set<String> framing = new LinkedHashSet<>();
        if (body.contains("\r\n")) {
            framing.add("CRLF line ends");
        } else if (body.contains("\r")) {
            framing.add("CR line ends");
        } else if (body.contains("\n")) {
            framing.add("LF line ends");
        }
        List<Frame> frames = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        String event = null;
        boolean inEvent = false;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (inEvent) {
                    frames.add(new Frame(event, data.toString()));
                }
                data.setLength(0);
                event = null;
                inEvent = false;
            } else if (line.startsWith(":")) {
                framing.add("comment lines");
            } else if (line.startsWith("data:")) {
                if (!line.startsWith("data: ")) {
                    framing.add("data: without a space");
                }
                if (inEvent) {
                    data.append('\n');
                    framing.add("multi-line data");
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
                inEvent = true;
            } else if (line.startsWith("event:")) {
                framing.add("event/id/retry fields");
                event = value(line.substring(6));
            } else if (line.startsWith("id:") || line.startsWith("retry:")) {
                framing.add("event/id/retry fields");
            }
        }
        if (inEvent) {
            frames.add(new Frame(event, data.toString()));
            framing.add("no blank line after the last event");
        }
        return new Read(frames, framing);
    }

    private static String value(String field) {
        return field.startsWith(" ") ? field.substring(1) : field;
    }

    private static @Nullable String contentType(List<Map.Entry<String, String>> headers) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase("content-type")) {
                return header.getValue().toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
            }
        }
        return null;
    }
}
