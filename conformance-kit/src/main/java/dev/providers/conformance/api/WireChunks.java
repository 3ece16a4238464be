package dev.providers.conformance.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The raw SSE response of one exchange, read independently of the engine's decoder so that tests
 * can compare what the engine made of the stream with what the server sent, and report which
 * framing features the server uses.
 */
public final class WireChunks {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<JsonNode> chunks;
    private final Set<String> framing;

    private WireChunks(List<JsonNode> chunks, Set<String> framing) {
        this.chunks = List.copyOf(chunks);
        this.framing = Set.copyOf(framing);
    }

    /** Reads the response body of an exchange. */
    public static WireChunks of(WireExchange exchange) {
        return parse(exchange.responseText());
    }

    /** Reads an SSE body: events end at a blank line, {@code data:} lines of one event join. */
    public static WireChunks parse(String body) {
        Set<String> framing = new LinkedHashSet<>();
        if (body.contains("\r\n")) {
            framing.add("CRLF line ends");
        } else if (body.contains("\r")) {
            framing.add("CR line ends");
        } else if (body.contains("\n")) {
            framing.add("LF line ends");
        }
        List<JsonNode> chunks = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        boolean inEvent = false;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (inEvent) {
                    accept(data.toString(), chunks, framing);
                }
                data.setLength(0);
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
            } else if (line.startsWith("event:") || line.startsWith("id:")
                    || line.startsWith("retry:")) {
                framing.add("event/id/retry fields");
            }
        }
        if (inEvent) {
            accept(data.toString(), chunks, framing);
            framing.add("no blank line after the last event");
        }
        describeChunks(chunks, framing);
        return new WireChunks(chunks, framing);
    }

    private static void accept(String data, List<JsonNode> chunks, Set<String> framing) {
        if (data.strip().equals("[DONE]")) {
            framing.add("[DONE]");
            return;
        }
        try {
            chunks.add(MAPPER.readTree(data));
        } catch (JsonProcessingException e) {
            framing.add("a data line that is not JSON");
        }
    }

    private static void describeChunks(List<JsonNode> chunks, Set<String> framing) {
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode chunk = chunks.get(i);
            JsonNode delta = chunk.path("choices").path(0).path("delta");
            if (i == 0 && delta.has("role") && !delta.path("content").isTextual()
                    && !delta.has("tool_calls")) {
                framing.add("a role-only first chunk");
            }
            if (delta.has("content") && delta.get("content").isNull()) {
                framing.add("content: null");
            }
            if (chunk.path("choices").isArray() && chunk.path("choices").isEmpty()) {
                framing.add(chunk.has("usage") ? "a usage chunk with choices: []"
                        : "a chunk with choices: [] and no usage");
            }
            if (chunk.has("error")) {
                framing.add("an error object in the stream");
            }
            for (String extra : List.of("timings", "system_fingerprint", "obfuscation",
                    "x_groq", "prompt_filter_results", "service_tier", "provider")) {
                if (chunk.has(extra)) {
                    framing.add("extra field " + extra);
                }
            }
        }
    }

    /** Returns the JSON chunks, in order ({@code [DONE]} and non-JSON lines left out). */
    public List<JsonNode> chunks() {
        return chunks;
    }

    /** Returns the framing features seen, in the order first seen. */
    public Set<String> framing() {
        return framing;
    }

    /** Returns the content text of every chunk's first choice, joined. */
    public String content() {
        StringBuilder out = new StringBuilder();
        for (JsonNode chunk : chunks) {
            JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
            if (content.isTextual()) {
                out.append(content.asText());
            }
        }
        return out.toString();
    }

    /** Returns the first non-empty chunk id, or null. */
    public @Nullable String firstId() {
        for (JsonNode chunk : chunks) {
            String id = chunk.path("id").asText("");
            if (!id.isEmpty()) {
                return id;
            }
        }
        return null;
    }

    /** Returns the first non-empty chunk model, or null. */
    public @Nullable String firstModel() {
        for (JsonNode chunk : chunks) {
            String model = chunk.path("model").asText("");
            if (!model.isEmpty()) {
                return model;
            }
        }
        return null;
    }

    /**
     * Returns the last usage object wherever the server put it ({@code usage},
     * {@code choices[0].usage}, {@code x_groq.usage}), or null.
     */
    public @Nullable JsonNode lastUsage() {
        JsonNode last = null;
        for (JsonNode chunk : chunks) {
            for (JsonNode candidate : List.of(chunk.path("usage"),
                    chunk.path("choices").path(0).path("usage"),
                    chunk.path("x_groq").path("usage"))) {
                if (candidate.isObject()) {
                    last = candidate;
                    break;
                }
            }
        }
        return last;
    }
}
