package dev.providers.conformance.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.ReceivedResponse.Frame;
import dev.providers.conformance.api.ReceivedResponse.ToolCallDelta;
import dev.providers.conformance.api.ReceivedResponse.Usage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Responses event stream (or one whole response object) into a
 * {@link ReceivedResponse}, independently of the engine's decoder
 * (docs/dialects/openai-responses.md §5), and notes which framing features the server uses:
 * {@code sequence_number}, items named without {@code output_index}, extra fields, in-stream
 * failures, {@code [DONE]}.
 *
 * <p>Text and arguments that a server sends only in done events (no delta) count once, as the
 * engine takes them. The thinking signatures are the reasoning items of
 * {@code response.output_item.done}, as compact JSON, which is what the engine keeps.
 *
 * <p>Thread-safety: stateless.
 */
final class ResponsesEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FINAL = List.of("response.completed",
            "response.incomplete", "response.failed");

    private ResponsesEvents() { }

    /** Returns the response the frames carry. */
    static ReceivedResponse read(SseFrames.Read read) {
        Set<String> framing = new LinkedHashSet<>(read.framing());
        List<JsonNode> events = events(read.frames(), framing);
        if (events.size() == 1 && events.get(0).has("output")
                && !events.get(0).has("type")) {
            return whole(read.frames(), framing, events.get(0));
        }
        Reader reader = new Reader();
        for (JsonNode event : events) {
            reader.accept(event, framing);
        }
        return new ReceivedResponse(read.frames(), framing, reader.text, reader.thinking,
                reader.signatures, reader.calls, reader.finish, reader.usage, reader.id,
                reader.model);
    }

    /** Reads a response object sent instead of a stream. */
    private static ReceivedResponse whole(List<Frame> frames, Set<String> framing,
            JsonNode response) {
        Reader reader = new Reader();
        reader.metadata(response);
        int index = 0;
        for (JsonNode item : response.path("output")) {
            reader.itemDone(String.valueOf(index++), item);
        }
        reader.finish("response.completed", response);
        return new ReceivedResponse(frames, framing, reader.text, reader.thinking,
                reader.signatures, reader.calls, reader.finish, reader.usage, reader.id,
                reader.model);
    }

    private static List<JsonNode> events(List<Frame> frames, Set<String> framing) {
        List<JsonNode> out = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame.data().strip().equals("[DONE]")) {
                framing.add("[DONE]");
                continue;
            }
            try {
                JsonNode event = MAPPER.readTree(frame.data());
                if (event != null && event.isObject()) {
                    out.add(event);
                }
            } catch (JsonProcessingException e) {
                framing.add("a data line that is not JSON");
            }
        }
        return out;
    }

    /** Reads events in order. */
    private static final class Reader {
        final List<String> text = new ArrayList<>();
        final List<String> thinking = new ArrayList<>();
        final Set<String> signatures = new LinkedHashSet<>();
        final List<ToolCallDelta> calls = new ArrayList<>();
        final Set<String> streamedParts = new HashSet<>();
        final Set<String> streamedArguments = new HashSet<>();
        @Nullable String finish;
        @Nullable Usage usage;
        @Nullable String id;
        @Nullable String model;

        void accept(JsonNode event, Set<String> framing) {
            String type = event.path("type").asText("");
            if (event.has("sequence_number")) {
                framing.add("sequence_number");
            }
            if (type.startsWith("response.output_") && !event.has("output_index")) {
                framing.add("items named by item_id only (no output_index)");
            }
            String item = key(event);
            switch (type) {
                case "response.created", "response.in_progress", "response.queued" ->
                        metadata(event.path("response"));
                case "response.output_text.delta", "response.refusal.delta" -> {
                    streamedParts.add(item + "/" + event.path("content_index").asInt(0));
                    add(text, event.path("delta").asText(""));
                }
                case "response.output_text.done", "response.refusal.done" -> partDone(item,
                        event.path("content_index").asInt(0), event.path(type.contains("refusal")
                                ? "refusal" : "text").asText(""));
                case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
                        add(thinking, event.path("delta").asText(""));
                case "response.output_item.added" -> {
                    JsonNode added = event.path("item");
                    if ("function_call".equals(added.path("type").asText())) {
                        calls.add(new ToolCallDelta(item, text(added, "call_id"),
                                text(added, "name"), added.path("arguments").asText("")));
                        if (!added.path("arguments").asText("").isEmpty()) {
                            streamedArguments.add(item);
                        }
                    }
                }
                case "response.function_call_arguments.delta" -> {
                    streamedArguments.add(item);
                    calls.add(new ToolCallDelta(item, null, null, event.path("delta")
                            .asText("")));
                }
                case "response.output_item.done" -> itemDone(item, event.path("item"));
                case "error" -> framing.add("an error event in the stream");
                default -> {
                    if (FINAL.contains(type)) {
                        if (type.equals("response.failed")) {
                            framing.add("response.failed");
                        }
                        if (event.has("timings")) {
                            framing.add("extra field timings");
                        }
                        finish(type, event.path("response"));
                    }
                }
            }
        }

        void metadata(JsonNode response) {
            if (id == null && !response.path("id").asText("").isEmpty()) {
                id = response.path("id").asText();
            }
            if (model == null && !response.path("model").asText("").isEmpty()) {
                model = response.path("model").asText();
            }
        }

        void partDone(String item, int index, String done) {
            if (streamedParts.add(item + "/" + index)) {
                add(text, done);
            }
        }

        void itemDone(String item, JsonNode done) {
            switch (done.path("type").asText()) {
                case "reasoning" -> {
                    signatures.add(compact(done));
                    if (thinking.isEmpty()) {
                        add(thinking, ResponsesRequests.reasoningText(done));
                    }
                }
                case "message" -> {
                    int index = 0;
                    for (JsonNode part : done.path("content")) {
                        partDone(item, index++, part.path("refusal".equals(part.path("type")
                                .asText()) ? "refusal" : "text").asText(""));
                    }
                }
                case "function_call" -> {
                    if (streamedArguments.add(item)) {
                        calls.add(new ToolCallDelta(item, text(done, "call_id"),
                                text(done, "name"), done.path("arguments").asText("")));
                    }
                }
                default -> { }
            }
        }

        /** Reads the final event as the engine does: the status decides. */
        void finish(String type, JsonNode response) {
            metadata(response);
            String status = response.path("status").asText(type.replace("response.", ""));
            finish = switch (status) {
                case "incomplete" -> response.path("incomplete_details").path("reason")
                        .asText("incomplete");
                case "failed", "cancelled" -> status;
                default -> status.isEmpty() ? "completed" : status;
            };
            JsonNode wire = response.path("usage");
            if (wire.isObject()) {
                usage = new Usage(wire.path("input_tokens").asLong(),
                        wire.path("output_tokens").asLong(),
                        wire.at("/input_tokens_details/cached_tokens").asLong(0), 0,
                        wire.at("/output_tokens_details/reasoning_tokens").asLong(0),
                        wire.path("total_tokens").isNumber()
                                ? wire.path("total_tokens").asLong() : null);
            }
        }

        /** Returns compact JSON as the engine writes it (both use Jackson's defaults). */
        private static String compact(JsonNode node) {
            try {
                return MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed tree always serialises", e);
            }
        }

        private static String key(JsonNode event) {
            if (event.path("output_index").isNumber()) {
                return event.path("output_index").asText();
            }
            String item = event.path("item_id").asText("");
            return item.isEmpty() ? event.path("item").path("id").asText("") : item;
        }

        private static void add(List<String> out, String piece) {
            if (!piece.isEmpty()) {
                out.add(piece);
            }
        }

        private static @Nullable String text(JsonNode node, String field) {
            String value = node.path(field).asText("");
            return value.isEmpty() ? null : value;
        }
    }
}
