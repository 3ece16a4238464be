package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Output.CallOut;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Writes an output as a Messages answer in the profile's exact shape: the event stream
 * ({@code message_start}, a {@code ping}, per block {@code content_block_start}, deltas and
 * {@code content_block_stop}, {@code message_delta} with the stop reason and the cumulative
 * output count, {@code message_stop}), or one message object; plus each profile's deviations.
 *
 * <p>Blocks come in Anthropic's order: thinking (signed, one {@code signature_delta}), text,
 * then each tool call, whose {@code input_json_delta}s start with an empty fragment as
 * Anthropic's do.
 */
final class MessagesStreamWriter {

    /** How many content deltas an answer of the error-after-content profile gets. */
    static final int ERROR_AFTER = 40;

    /** The pieces a split signature comes in. */
    static final int SIGNATURE_PIECES = 3;

    /**
     * The token counts as the Messages wire splits them.
     *
     * @param input the prompt tokens after the last cache breakpoint
     * @param cacheRead the prompt tokens read from the cache
     * @param cacheWrite the prompt tokens written to the cache
     */
    record Split(int input, int cacheRead, int cacheWrite) { }

    private final Profile profile;
    private final MessagesRequest request;
    private final String id;
    private final Output out;
    private final Split split;
    private final @Nullable String stopSequence;
    private int index;
    private int deltas;

    MessagesStreamWriter(Profile profile, MessagesRequest request, String id, Output out,
            Split split, @Nullable String stopSequence) {
        this.profile = profile;
        this.request = request;
        this.id = id;
        this.out = out;
        this.split = split;
        this.stopSequence = stopSequence;
    }

    /** Streams the whole answer; false when it broke off with an error event. */
    boolean stream(SseStream sse) throws IOException {
        ObjectNode start = event("message_start");
        ObjectNode message = messageHead();
        message.set("content", Json.array());
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(profile.has(Quirk.LLAMACPP_WIRE) ? 0 : 1));
        start.set("message", message);
        sse.event("message_start", start);
        ping(sse);
        if (!out.reasoning().isEmpty()) {
            if (!thinking(sse)) {
                return false;
            }
        }
        if (!out.content().isEmpty()) {
            ObjectNode block = Json.object().put("type", "text").put("text", "");
            blockStart(sse, block);
            for (String piece : out.content()) {
                if (!delta(sse, Json.object().put("type", "text_delta").put("text", piece))) {
                    return false;
                }
            }
            blockStop(sse);
        }
        for (CallOut call : out.calls()) {
            ObjectNode block = Json.object().put("type", "tool_use").put("id", toolId(call.id()))
                    .put("name", call.name());
            if (!profile.has(Quirk.LLAMACPP_WIRE)) {
                block.putObject("input");
            }
            blockStart(sse, block);
            if (!profile.has(Quirk.LLAMACPP_WIRE)) {
                delta(sse, inputDelta(""));
            }
            for (String fragment : call.fragments()) {
                if (!delta(sse, inputDelta(fragment))) {
                    return false;
                }
            }
            blockStop(sse);
        }
        ObjectNode end = event("message_delta");
        ObjectNode delta = end.putObject("delta");
        delta.put("stop_reason", stopReason());
        delta.put("stop_sequence", stopSequence);
        end.putObject("usage").put("output_tokens", out.usage().completion());
        sse.event("message_delta", end);
        sse.event("message_stop", event("message_stop"));
        return true;
    }

    /** Returns the whole answer as one message object (a request without stream). */
    ObjectNode message() {
        ObjectNode message = messageHead();
        ArrayNode content = message.putArray("content");
        if (!out.reasoning().isEmpty()) {
            ObjectNode thinking = content.addObject().put("type", "thinking")
                    .put("thinking", out.reasoningText());
            if (!profile.has(Quirk.UNSIGNED_THINKING)) {
                thinking.put("signature", ThinkingSignatures.sign(out.reasoningText()));
            }
            if (profile.has(Quirk.REDACTED_THINKING)) {
                content.addObject().put("type", "redacted_thinking")
                        .put("data", ThinkingSignatures.redact(out.reasoningText()));
            }
        }
        if (!out.content().isEmpty()) {
            content.addObject().put("type", "text").put("text", out.text());
        }
        for (CallOut call : out.calls()) {
            content.addObject().put("type", "tool_use").put("id", toolId(call.id()))
                    .put("name", call.name()).set("input", input(call));
        }
        message.put("stop_reason", stopReason());
        message.put("stop_sequence", stopSequence);
        message.set("usage", usage(out.usage().completion()));
        return message;
    }

    private boolean thinking(SseStream sse) throws IOException {
        ObjectNode block = Json.object().put("type", "thinking").put("thinking", "");
        if (!profile.has(Quirk.UNSIGNED_THINKING)) {
            block.put("signature", "");
        }
        blockStart(sse, block);
        for (String piece : out.reasoning()) {
            if (!delta(sse, Json.object().put("type", "thinking_delta")
                    .put("thinking", piece))) {
                return false;
            }
        }
        if (!profile.has(Quirk.UNSIGNED_THINKING)) {
            String signature = ThinkingSignatures.sign(out.reasoningText());
            int pieces = profile.has(Quirk.SPLIT_SIGNATURES) ? SIGNATURE_PIECES : 1;
            int size = (signature.length() + pieces - 1) / pieces;
            for (int from = 0; from < signature.length(); from += size) {
                if (from > 0) {
                    ping(sse);
                }
                sse.event("content_block_delta", blockEvent("content_block_delta")
                        .set("delta", Json.object().put("type", "signature_delta")
                                .put("signature", signature.substring(from,
                                        Math.min(signature.length(), from + size)))));
            }
        }
        blockStop(sse);
        if (profile.has(Quirk.REDACTED_THINKING)) {
            blockStart(sse, Json.object().put("type", "redacted_thinking")
                    .put("data", ThinkingSignatures.redact(out.reasoningText())));
            blockStop(sse);
        }
        return true;
    }

    private ObjectNode messageHead() {
        ObjectNode message = Json.object();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", request.chat().modelId());
        return message;
    }

    /** Returns the usage object; llama.cpp has no cache-write count. */
    private ObjectNode usage(int output) {
        ObjectNode usage = Json.object();
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            usage.put("cache_read_input_tokens", split.cacheRead());
            usage.put("input_tokens", split.input());
            usage.put("output_tokens", output);
            return usage;
        }
        usage.put("input_tokens", split.input());
        usage.put("cache_creation_input_tokens", split.cacheWrite());
        usage.put("cache_read_input_tokens", split.cacheRead());
        usage.put("output_tokens", output);
        return usage;
    }

    private String stopReason() {
        return switch (out.finishReason()) {
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            // llama.cpp reports a stop sequence as end_turn, naming the sequence
            default -> stopSequence != null && !profile.has(Quirk.LLAMACPP_WIRE)
                    ? "stop_sequence" : "end_turn";
        };
    }

    /** Returns Anthropic's {@code toolu_} id for the server's call id (llama.cpp: bare). */
    private String toolId(String callId) {
        String chars = callId.startsWith("call_") ? callId.substring(5) : callId;
        return profile.has(Quirk.LLAMACPP_WIRE) ? chars : "toolu_" + chars;
    }

    private static ObjectNode input(CallOut call) {
        try {
            return (ObjectNode) Json.parse(call.arguments());
        } catch (IOException | ClassCastException e) {
            return Json.object(); // the arguments were cut at the output limit
        }
    }

    private static ObjectNode inputDelta(String fragment) {
        return Json.object().put("type", "input_json_delta").put("partial_json", fragment);
    }

    private void ping(SseStream sse) throws IOException {
        if (!profile.has(Quirk.NO_PING)) {
            sse.event("ping", event("ping"));
        }
    }

    private void blockStart(SseStream sse, ObjectNode block) throws IOException {
        ObjectNode start = blockEvent("content_block_start");
        start.set("content_block", block);
        sse.event("content_block_start", start);
    }

    /** Writes a delta; false when the profile breaks the answer off instead. */
    private boolean delta(SseStream sse, ObjectNode delta) throws IOException {
        if (profile.has(Quirk.ERROR_AFTER_CONTENT) && deltas == ERROR_AFTER
                && out.usage().completion() > ERROR_AFTER) {
            ObjectNode error = event("error");
            error.putObject("error").put("type", "overloaded_error").put("message",
                    "Overloaded");
            sse.event("error", error);
            return false;
        }
        deltas++;
        sse.event("content_block_delta", blockEvent("content_block_delta").set("delta", delta));
        return true;
    }

    private void blockStop(SseStream sse) throws IOException {
        sse.event("content_block_stop", blockEvent("content_block_stop"));
        index++;
    }

    private ObjectNode blockEvent(String type) {
        return event(type).put("index", index);
    }

    private static ObjectNode event(String type) {
        return Json.object().put("type", type);
    }
}
