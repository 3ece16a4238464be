package dev.providers.conformance.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.ReceivedResponse.Frame;
import dev.providers.conformance.api.ReceivedResponse.ToolCallDelta;
import dev.providers.conformance.api.ReceivedResponse.Usage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a chat-completions response (the chunks of a stream, or one whole completion) into a
 * {@link ReceivedResponse}, and notes which of the dialect's framing features the server uses:
 * {@code [DONE]}, a role-only first chunk, {@code content: null}, a usage chunk with empty
 * choices, an error object, extra fields (docs/dialects/openai-completions.md §5).
 *
 * <p>Thread-safety: stateless.
 */
final class ChatCompletionsChunks {

    /** The fields reasoning arrives in, in the engine's default order. */
    static final List<String> REASONING_FIELDS = List.of("reasoning_content", "reasoning",
            "reasoning_text");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> EXTRA_FIELDS = List.of("timings", "system_fingerprint",
            "obfuscation", "x_groq", "prompt_filter_results", "service_tier", "provider");

    private ChatCompletionsChunks() { }

    /** Returns the response the frames carry. */
    static ReceivedResponse read(SseFrames.Read read) {
        Set<String> framing = new LinkedHashSet<>(read.framing());
        List<JsonNode> chunks = chunks(read.frames(), framing);
        describe(chunks, framing);
        List<String> text = new ArrayList<>();
        List<String> thinking = new ArrayList<>();
        Set<String> signatures = new LinkedHashSet<>();
        List<ToolCallDelta> calls = new ArrayList<>();
        String finish = null;
        for (JsonNode chunk : chunks) {
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.has("delta") ? choice.path("delta") : choice.path("message");
            content(delta.path("content"), text);
            for (String field : REASONING_FIELDS) {
                JsonNode reasoning = delta.path(field);
                if (reasoning.isTextual() && !reasoning.asText().isBlank()) {
                    thinking.add(reasoning.asText());
                    signatures.add(field);
                    break;
                }
            }
            int position = 0;
            for (JsonNode call : delta.path("tool_calls")) {
                // calls are keyed as the engine keys them: by index, else by id
                String id = textOrNull(call.path("id"));
                String key = call.path("index").isNumber() ? call.path("index").asText()
                        : id != null ? "id:" + id : "#" + position;
                calls.add(new ToolCallDelta(key, id,
                        textOrNull(call.at("/function/name")),
                        call.at("/function/arguments").asText("")));
                position++;
            }
            String reason = textOrNull(choice.path("finish_reason"));
            if (reason != null) {
                finish = reason;
            }
        }
        return new ReceivedResponse(read.frames(), framing, text, thinking, signatures, calls,
                finish, lastUsage(chunks), first(chunks, "id"), first(chunks, "model"));
    }

    private static List<JsonNode> chunks(List<Frame> frames, Set<String> framing) {
        List<JsonNode> chunks = new ArrayList<>();
        for (Frame frame : frames) {
            String data = frame.data();
            if (data.strip().equals("[DONE]")) {
                framing.add("[DONE]");
                continue;
            }
            try {
                JsonNode chunk = MAPPER.readTree(data);
                if (chunk != null && chunk.isObject()) {
                    chunks.add(chunk);
                }
            } catch (JsonProcessingException e) {
                framing.add("a data line that is not JSON");
            }
        }
        return chunks;
    }

    /** Adds the text of a {@code content}: a string, or the text parts of an array. */
    private static void content(JsonNode content, List<String> text) {
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                text.add(content.asText());
            }
            return;
        }
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()
                    && !part.path("text").asText().isEmpty()) {
                text.add(part.path("text").asText());
            }
        }
    }

    private static void describe(List<JsonNode> chunks, Set<String> framing) {
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
            for (String extra : EXTRA_FIELDS) {
                if (chunk.has(extra)) {
                    framing.add("extra field " + extra);
                }
            }
        }
    }

    /** Returns the first non-empty value of a top-level string field, or null. */
    private static @Nullable String first(List<JsonNode> chunks, String field) {
        for (JsonNode chunk : chunks) {
            String value = chunk.path(field).asText("");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /**
     * Returns the last usage object wherever the server put it ({@code usage},
     * {@code choices[0].usage}, {@code x_groq.usage}), or null.
     */
    private static @Nullable Usage lastUsage(List<JsonNode> chunks) {
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
        if (last == null) {
            return null;
        }
        JsonNode details = last.path("prompt_tokens_details");
        long cacheRead = details.path("cached_tokens").isNumber()
                ? details.path("cached_tokens").asLong()
                : last.path("prompt_cache_hit_tokens").isNumber()
                        ? last.path("prompt_cache_hit_tokens").asLong()
                        : last.path("cached_tokens").asLong(0);
        return new Usage(last.path("prompt_tokens").asLong(),
                last.path("completion_tokens").asLong(), cacheRead,
                details.path("cache_write_tokens").asLong(0),
                last.at("/completion_tokens_details/reasoning_tokens").asLong(0),
                last.path("total_tokens").isNumber() ? last.path("total_tokens").asLong()
                        : null);
    }

    private static @Nullable String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
