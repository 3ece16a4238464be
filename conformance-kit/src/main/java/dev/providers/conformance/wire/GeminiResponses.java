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
 * Reads a Gemini answer (the {@code GenerateContentResponse} events of {@code alt=sse}, a JSON
 * array of them, one response, or an error body) into a {@link ReceivedResponse}, and notes
 * what of Gemini's wire the server uses: no end marker, where {@code usageMetadata} rides,
 * calls with or without ids, thought signatures, finish reasons other than {@code STOP}, error
 * objects and arrays (docs/dialects/google-generative-ai.md §4, §6).
 *
 * <p>Thread-safety: stateless.
 */
final class GeminiResponses {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GeminiResponses() { }

    /** Returns the response the frames carry. */
    static ReceivedResponse read(SseFrames.Read read) {
        Set<String> framing = new LinkedHashSet<>(read.framing());
        List<JsonNode> chunks = new ArrayList<>();
        for (Frame frame : read.frames()) {
            JsonNode root;
            try {
                root = MAPPER.readTree(frame.data());
            } catch (JsonProcessingException e) {
                framing.add("a data line that is not JSON");
                continue;
            }
            if (root != null && root.isArray()) {
                framing.add(root.size() == 1 && root.get(0).has("error")
                        ? "an error body wrapped in a one-element array"
                        : "responses in a JSON array");
                root.forEach(chunks::add);
            } else if (root != null && root.isObject()) {
                chunks.add(root);
            }
        }
        List<String> text = new ArrayList<>();
        List<String> thinking = new ArrayList<>();
        Set<String> signatures = new LinkedHashSet<>();
        List<ToolCallDelta> calls = new ArrayList<>();
        String finish = null;
        int withUsage = 0;
        for (JsonNode chunk : chunks) {
            if (chunk.has("error")) {
                framing.add("an error object");
            }
            withUsage += chunk.path("usageMetadata").isObject() ? 1 : 0;
            JsonNode candidate = chunk.path("candidates").path(0);
            for (JsonNode part : candidate.path("content").path("parts")) {
                JsonNode call = part.path("functionCall");
                if (call.isObject()) {
                    String id = call.path("id").asText("");
                    framing.add(id.isEmpty() ? "functionCall without id" : "functionCall with id");
                    if (part.has("thoughtSignature")) {
                        framing.add("thoughtSignature on function calls");
                    }
                    calls.add(new ToolCallDelta(id.isEmpty() ? "#" + calls.size() : id,
                            id.isEmpty() ? null : id, call.path("name").asText(null),
                            call.path("args").isObject() ? call.path("args").toString()
                                    : "{}"));
                } else if (part.path("thought").asBoolean(false)) {
                    if (!part.path("text").asText("").isEmpty()) {
                        thinking.add(part.path("text").asText());
                    }
                    if (part.has("thoughtSignature")) {
                        signatures.add(part.path("thoughtSignature").asText());
                    }
                } else if (!part.path("text").asText("").isEmpty()) {
                    text.add(part.path("text").asText());
                }
                if (!part.has("functionCall") && !part.path("thought").asBoolean(false)
                        && part.has("thoughtSignature")) {
                    framing.add("thoughtSignature on a text part");
                }
            }
            String reason = candidate.path("finishReason").asText("");
            if (!reason.isEmpty()) {
                finish = reason;
                if (!reason.equals("STOP")) {
                    framing.add("finishReason " + reason);
                }
            }
            String blocked = chunk.path("promptFeedback").path("blockReason").asText("");
            if (!blocked.isEmpty()) {
                finish = blocked;
                framing.add("promptFeedback.blockReason " + blocked);
            }
        }
        if (!chunks.isEmpty() && !chunks.get(0).has("error")) {
            framing.add("no end marker: the body's end ends the stream");
            framing.add(withUsage == 0 ? "no usageMetadata"
                    : withUsage == chunks.size() ? "usageMetadata on every chunk"
                    : withUsage == 1 && chunks.get(chunks.size() - 1).has("usageMetadata")
                            ? "usageMetadata only on the last chunk"
                            : "usageMetadata on some chunks");
        }
        return new ReceivedResponse(read.frames(), framing, text, thinking, signatures, calls,
                finish, usage(chunks), first(chunks, "responseId"), first(chunks,
                "modelVersion"));
    }

    private static @Nullable String first(List<JsonNode> chunks, String field) {
        for (JsonNode chunk : chunks) {
            String value = chunk.path(field).asText("");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** Returns the last usageMetadata as reported, or null when none came. */
    private static @Nullable Usage usage(List<JsonNode> chunks) {
        JsonNode last = null;
        for (JsonNode chunk : chunks) {
            if (chunk.path("usageMetadata").isObject()) {
                last = chunk.path("usageMetadata");
            }
        }
        if (last == null) {
            return null;
        }
        return new Usage(last.path("promptTokenCount").asLong(0)
                + last.path("toolUsePromptTokenCount").asLong(0),
                last.path("candidatesTokenCount").asLong(0),
                last.path("cachedContentTokenCount").asLong(0), 0,
                last.path("thoughtsTokenCount").asLong(0),
                last.path("totalTokenCount").isNumber() ? last.path("totalTokenCount").asLong()
                        : null);
    }
}
