package dev.providers.conformance.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.ReceivedResponse.Frame;
import dev.providers.conformance.api.ReceivedResponse.ToolCallDelta;
import dev.providers.conformance.api.ReceivedResponse.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Messages response (the events of a stream, or one message or error body) into a
 * {@link ReceivedResponse}, independently of the engine's decoder, and notes which of the
 * dialect's framing features the server uses: {@code ping} events, an {@code event:} name that
 * differs from the data's {@code type}, signatures, redacted thinking, an {@code error} event,
 * unknown event or block types, a missing {@code message_stop}
 * (docs/dialects/anthropic-messages.md §4).
 *
 * <p>Thinking signatures are named as the engine names them: a block's concatenated
 * {@code signature_delta}s, or a redacted block's data.
 *
 * <p>Thread-safety: stateless.
 */
final class MessagesEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> EVENTS = Set.of("message_start", "content_block_start",
            "content_block_delta", "content_block_stop", "message_delta", "message_stop",
            "ping", "error");
    private static final Set<String> BLOCKS = Set.of("text", "thinking", "redacted_thinking",
            "tool_use");

    private MessagesEvents() { }

    /** Returns the response the frames carry. */
    static ReceivedResponse read(SseFrames.Read read) {
        Set<String> framing = new LinkedHashSet<>(read.framing());
        List<String> text = new ArrayList<>();
        List<String> thinking = new ArrayList<>();
        Set<String> signatures = new LinkedHashSet<>();
        List<ToolCallDelta> calls = new ArrayList<>();
        Map<String, StringBuilder> pendingSignatures = new HashMap<>();
        Map<String, String[]> callHeads = new HashMap<>();
        String finish = null;
        String id = null;
        String model = null;
        long[] usage = null;
        boolean stopped = false;
        for (Frame frame : read.frames()) {
            JsonNode data = json(frame.data(), framing);
            if (data == null) {
                continue;
            }
            String type = data.path("type").asText(frame.event() == null ? "" : frame.event());
            if (frame.event() != null && !frame.event().equals(type)) {
                framing.add("an event: name that differs from the data's type");
            }
            if (!EVENTS.contains(type) && !type.equals("message")) {
                framing.add("unknown event type " + type);
            }
            String index = data.path("index").asText("");
            switch (type) {
                case "message", "message_start" -> {
                    JsonNode message = type.equals("message") ? data : data.path("message");
                    id = id != null ? id : textOrNull(message.path("id"));
                    model = model != null ? model : textOrNull(message.path("model"));
                    usage = usage(message.path("usage"), usage);
                    if (type.equals("message")) {
                        framing.add("one message body instead of a stream");
                        wholeMessage(message, text, thinking, signatures, calls);
                        finish = textOrNull(message.path("stop_reason"));
                        stopped = true;
                    }
                }
                case "content_block_start" -> {
                    JsonNode block = data.path("content_block");
                    String kind = block.path("type").asText("");
                    if (!BLOCKS.contains(kind)) {
                        framing.add("content blocks of type " + kind);
                    }
                    switch (kind) {
                        case "text" -> add(text, block.path("text").asText(""));
                        case "thinking" -> {
                            add(thinking, block.path("thinking").asText(""));
                            pendingSignatures.put(index, new StringBuilder(
                                    block.path("signature").asText("")));
                        }
                        case "redacted_thinking" -> {
                            framing.add("redacted_thinking blocks");
                            signatures.add(block.path("data").asText(""));
                        }
                        case "tool_use" -> {
                            String[] head = {textOrNull(block.path("id")),
                                    textOrNull(block.path("name"))};
                            callHeads.put(index, head);
                            calls.add(new ToolCallDelta(index, head[0], head[1], ""));
                            if (!block.has("input")) {
                                framing.add("tool_use blocks without input");
                            }
                        }
                        default -> { }
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = data.path("delta");
                    switch (delta.path("type").asText("")) {
                        case "text_delta" -> add(text, delta.path("text").asText(""));
                        case "thinking_delta" -> add(thinking, delta.path("thinking").asText(""));
                        case "signature_delta" -> {
                            framing.add("signature_delta");
                            pendingSignatures.computeIfAbsent(index, k -> new StringBuilder())
                                    .append(delta.path("signature").asText(""));
                        }
                        case "input_json_delta" -> {
                            String fragment = delta.path("partial_json").asText("");
                            if (fragment.isEmpty()) {
                                framing.add("empty input_json_delta fragments");
                            }
                            calls.add(new ToolCallDelta(index, null, null, fragment));
                        }
                        default -> framing.add("delta type "
                                + delta.path("type").asText("(none)"));
                    }
                }
                case "content_block_stop" -> {
                    StringBuilder signature = pendingSignatures.remove(index);
                    if (signature != null && signature.length() > 0) {
                        signatures.add(signature.toString());
                    }
                }
                case "message_delta" -> {
                    String reason = textOrNull(data.path("delta").path("stop_reason"));
                    finish = reason != null ? reason : finish;
                    usage = usage(data.path("usage"), usage);
                }
                case "message_stop" -> stopped = true;
                case "ping" -> framing.add("ping events");
                case "error" -> framing.add("an error event in the stream");
                default -> { }
            }
        }
        if (!stopped && !read.frames().isEmpty()) {
            framing.add("no message_stop");
        }
        Usage counts = usage == null ? null : new Usage(usage[0] + usage[2] + usage[3],
                usage[1], usage[2], usage[3], 0, null);
        return new ReceivedResponse(read.frames(), framing, text, thinking, signatures, calls,
                finish, counts, id, model);
    }

    /** Reads the blocks of a whole message body. */
    private static void wholeMessage(JsonNode message, List<String> text, List<String> thinking,
            Set<String> signatures, List<ToolCallDelta> calls) {
        int index = 0;
        for (JsonNode block : message.path("content")) {
            String key = Integer.toString(index++);
            switch (block.path("type").asText("")) {
                case "text" -> add(text, block.path("text").asText(""));
                case "thinking" -> {
                    add(thinking, block.path("thinking").asText(""));
                    if (!block.path("signature").asText("").isEmpty()) {
                        signatures.add(block.path("signature").asText());
                    }
                }
                case "redacted_thinking" -> signatures.add(block.path("data").asText(""));
                case "tool_use" -> calls.add(new ToolCallDelta(key,
                        textOrNull(block.path("id")), textOrNull(block.path("name")),
                        block.path("input").toString()));
                default -> { }
            }
        }
    }

    /** Returns the counts [input, output, cache read, cache write], fields present replacing. */
    private static long @Nullable [] usage(JsonNode usage, long @Nullable [] previous) {
        if (!usage.isObject()) {
            return previous;
        }
        long[] counts = previous == null ? new long[4] : previous.clone();
        String[] fields = {"input_tokens", "output_tokens", "cache_read_input_tokens",
                "cache_creation_input_tokens"};
        for (int i = 0; i < fields.length; i++) {
            if (usage.path(fields[i]).canConvertToLong()) {
                counts[i] = usage.path(fields[i]).asLong();
            }
        }
        return counts;
    }

    private static @Nullable JsonNode json(String data, Set<String> framing) {
        if (data.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(data);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            framing.add("a data line that is not JSON");
            return null;
        }
    }

    private static void add(List<String> out, String piece) {
        if (!piece.isEmpty()) {
            out.add(piece);
        }
    }

    private static @Nullable String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
