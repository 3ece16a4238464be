package dev.providers.engine.internal.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.spi.AssemblySink;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Messages stream (docs/dialects/anthropic-messages.md §4) into the sink:
 * {@code message_start} gives the id, the model and the first usage; each wire block
 * ({@code content_block_start}, {@code _delta}, {@code _stop}) is one block of the message, keyed
 * by its own object, so that interleaved text, thinking and tool calls keep their order and a
 * skipped block leaves no hole; {@code message_delta} gives the stop reason and the cumulative
 * usage; {@code message_stop} ends the stream; {@code ping} is ignored; an {@code error} event,
 * before or after content, ends it with the error's kind.
 *
 * <p>Thinking signatures are the concatenated {@code signature_delta}s, set when the block
 * stops; a {@code tool_use} block's {@code input} counts only when no {@code input_json_delta}
 * follows; empty fragments are dropped. Unknown event, block and delta types are skipped and
 * recorded once each as deviations. A body that ends before {@code message_stop} is a protocol
 * error, even when a stop reason came.
 *
 * <p>An error's text is cut and matched against the overflow patterns here, before the sink is
 * called: matching costs time in proportion to the text and must not hold the assembler's lock.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class MessagesDecoder implements StreamDecoder {

    /** The longest snippet of a bad payload quoted in an error. */
    static final int SNIPPET = 200;

    private final DecoderContext context;
    /** The per-token event's fast path; every other event goes through a JSON tree. */
    private final TextDeltas textDeltas = new TextDeltas();
    /** The blocks by wire index; the object itself is the block's key in the sink. */
    private final Map<Integer, Block> blocks = new HashMap<>();
    /** The blocks in the order they started, to finish those never stopped. */
    private final List<Block> order = new ArrayList<>();
    /** The deviation codes recorded, so that each is recorded once per stream. */
    private final Set<String> noted = new HashSet<>();
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;
    private StopReasons.@Nullable Meaning pending;
    private @Nullable String pendingRaw;
    private @Nullable String stopReason;

    MessagesDecoder(DecoderContext context) {
        this.context = context;
    }

    @Override
    public void event(@Nullable String name, byte[] bytes, int offset, int length,
            AssemblySink sink) {
        String text = textDeltas.match(bytes, offset, length);
        if (text != null) {
            Block block = deltaBlock(textDeltas.index, "text_delta", sink);
            if (block != null) {
                sink.text(block, text);
            }
            return;
        }
        JsonNode data;
        try {
            data = isBlank(bytes, offset, length) ? WireJson.object()
                    : WireJson.MAPPER.readTree(bytes, offset, length);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage();
            sink.error(ErrorKind.PROTOCOL, "invalid JSON in the stream (" + reason + "): "
                    + snippet(bytes, offset, length), null);
            return;
        }
        if (data == null || !data.isObject()) {
            sink.error(ErrorKind.PROTOCOL, "an event that is not a JSON object: "
                    + snippet(bytes, offset, length), null);
            return;
        }
        String type = data.path("type").isTextual() ? data.get("type").textValue() : name;
        if (type == null) {
            note(sink, "untyped-event", "an event with neither a name nor a type was skipped");
            return;
        }
        apply(type, data, sink);
    }

    private void apply(String type, JsonNode data, AssemblySink sink) {
        switch (type) {
            case "message_start" -> messageStart(data.path("message"), sink);
            case "content_block_start" -> blockStart(data.path("index").asInt(-1),
                    data.path("content_block"), sink);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(-1),
                    data.path("delta"), sink);
            case "content_block_stop" -> blockStop(data.path("index").asInt(-1), sink);
            case "message_delta" -> messageDelta(data, sink);
            case "message_stop" -> messageStop(sink);
            case "ping" -> { }
            case "error" -> error(data.path("error"), sink);
            default -> note(sink, "unknown-event:" + type, "event type '" + type
                    + "' was skipped");
        }
    }

    @Override
    public void body(byte[] bytes, @Nullable String contentType, AssemblySink sink) {
        JsonNode root;
        try {
            root = WireJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            sink.error(ErrorKind.PROTOCOL, "the server answered with " + contentType
                    + " that is not JSON: " + snippet(bytes, 0, bytes.length), null);
            return;
        }
        String type = root == null ? "" : root.path("type").asText("");
        if (type.equals("error")) {
            error(root.path("error"), sink);
            return;
        }
        if (!type.equals("message")) {
            sink.error(ErrorKind.PROTOCOL, "the server answered with JSON that is neither a "
                    + "message nor an error: " + snippet(bytes, 0, bytes.length), null);
            return;
        }
        sink.deviation("no-stream: the server answered stream: true with one message body");
        messageStart(root, sink);
        int index = 0;
        for (JsonNode block : root.path("content")) {
            blockStart(index, block, sink);
            blockStop(index, sink);
            index++;
        }
        if (root.path("stop_reason").isTextual()) {
            stop(root.path("stop_reason").textValue(), sink);
        }
        messageStop(sink);
    }

    @Override
    public void end(AssemblySink sink) {
        if (sink.isEnded()) {
            return;
        }
        finishOpenBlocks(sink);
        sink.error(ErrorKind.PROTOCOL, "the stream ended before message_stop"
                + (stopReason == null ? "" : " (after stop_reason " + stopReason + ")"), null);
    }

    private void messageStart(JsonNode message, AssemblySink sink) {
        if (message.path("id").isTextual()) {
            sink.responseId(message.get("id").textValue());
        }
        if (message.path("model").isTextual()) {
            sink.responseModel(message.get("model").textValue());
        }
        usage(message.path("usage"), sink);
    }

    private void messageDelta(JsonNode data, AssemblySink sink) {
        usage(data.path("usage"), sink);
        JsonNode reason = data.path("delta").path("stop_reason");
        if (reason.isTextual()) {
            stop(reason.textValue(), sink);
        }
    }

    private void stop(String raw, AssemblySink sink) {
        stopReason = raw;
        StopReasons.Meaning meaning = StopReasons.of(raw);
        if (!meaning.known()) {
            note(sink, "unknown-stop-reason:" + raw, "stop_reason '" + raw
                    + "' is not Anthropic's; read as a stop");
        }
        if (meaning.reason() == StopReason.ERROR) {
            pending = meaning;
            pendingRaw = raw;
        } else {
            pending = null;
            pendingRaw = null;
            sink.finish(raw, meaning.reason());
        }
    }

    private void messageStop(AssemblySink sink) {
        finishOpenBlocks(sink);
        StopReasons.Meaning error = pending;
        if (error != null && error.kind() != null && error.message() != null) {
            sink.error(error.kind(), error.message(), pendingRaw);
        } else {
            sink.end();
        }
    }

    /** Replaces the usage fields present; the counts of message_delta are cumulative. */
    private void usage(JsonNode usage, AssemblySink sink) {
        if (!usage.isObject()) {
            return;
        }
        input = count(usage, "input_tokens", input);
        output = count(usage, "output_tokens", output);
        cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
        cacheWrite = count(usage, "cache_creation_input_tokens", cacheWrite);
        sink.usage(input, output, cacheRead, cacheWrite, 0);
    }

    private static long count(JsonNode usage, String field, long previous) {
        JsonNode value = usage.path(field);
        return value.canConvertToLong() ? Math.max(0, value.longValue()) : previous;
    }

    private void blockStart(int index, JsonNode block, AssemblySink sink) {
        String type = block.path("type").asText("");
        Block started = new Block(index, type);
        blocks.put(index, started);
        order.add(started);
        switch (type) {
            case "text" -> sink.text(started, block.path("text").asText(""));
            case "thinking" -> {
                sink.thinking(started, block.path("thinking").asText(""));
                started.signature.append(block.path("signature").asText(""));
            }
            case "redacted_thinking" -> sink.redactedThinking(started,
                    block.path("data").asText(""));
            case "tool_use" -> {
                sink.toolCall(started, text(block.path("id")), text(block.path("name")), "");
                started.startInput = block.get("input");
            }
            default -> {
                started.skipped = true;
                note(sink, "skipped-block:" + type, "content block type '" + type
                        + "' was skipped");
            }
        }
    }

    private void blockDelta(int index, JsonNode delta, AssemblySink sink) {
        String type = delta.path("type").asText("");
        Block block = deltaBlock(index, type, sink);
        if (block == null) {
            return;
        }
        switch (type) {
            case "text_delta" -> sink.text(block, delta.path("text").asText(""));
            case "thinking_delta" -> sink.thinking(block, delta.path("thinking").asText(""));
            case "signature_delta" -> block.signature.append(delta.path("signature").asText(""));
            case "input_json_delta" -> {
                block.sawInput = true;
                String fragment = delta.path("partial_json").asText("");
                if (!fragment.isEmpty()) {
                    sink.toolCall(block, null, null, fragment);
                }
            }
            default -> note(sink, "skipped-delta:" + type, "delta type '" + type
                    + "' was skipped");
        }
    }

    /**
     * The block a delta of {@code type} for wire block {@code index} goes to (opened by the
     * delta's type when it never started), or null when the delta is dropped.
     */
    private @Nullable Block deltaBlock(int index, String type, AssemblySink sink) {
        Block block = blocks.get(index);
        if (block == null) {
            String implied = switch (type) {
                case "text_delta" -> "text";
                case "thinking_delta", "signature_delta" -> "thinking";
                case "input_json_delta" -> "tool_use";
                default -> "";
            };
            note(sink, "delta-without-start", "a " + type + " came for block " + index
                    + ", which never started");
            block = new Block(index, implied);
            block.skipped = implied.isEmpty();
            blocks.put(index, block);
            order.add(block);
        }
        if (block.skipped) {
            return null;
        }
        if (block.stopped) {
            note(sink, "delta-after-stop", "a " + type + " came for block " + index
                    + " after it stopped; dropped");
            return null;
        }
        return block;
    }

    private void blockStop(int index, AssemblySink sink) {
        Block block = blocks.get(index);
        if (block == null || block.stopped) {
            note(sink, "stop-without-start", "content_block_stop for block " + index
                    + ", which is not open");
            return;
        }
        finish(block, sink);
    }

    /** Finishes every block that started and never stopped, in the order they started. */
    private void finishOpenBlocks(AssemblySink sink) {
        for (Block block : order) {
            if (!block.stopped) {
                finish(block, sink);
            }
        }
    }

    private void finish(Block block, AssemblySink sink) {
        block.stopped = true;
        if (block.skipped) {
            return;
        }
        if (block.type.equals("thinking") && block.signature.length() > 0) {
            sink.thinkingSignature(block, block.signature.toString());
        }
        JsonNode input = block.startInput;
        if (block.type.equals("tool_use") && !block.sawInput && input != null
                && input.isObject() && !input.isEmpty()) {
            // a server that sends the whole input in the start block and no deltas
            sink.toolCall(block, null, null, WireJson.text(input));
        }
        sink.endBlock(block);
    }

    private void error(JsonNode error, AssemblySink sink) {
        String type = text(error.path("type"));
        String message = text(error.path("message"));
        String text = HttpErrors.truncate((type == null ? "" : type + ": ")
                + (message == null ? "(no message)" : message), HttpErrors.MAX_BODY_CHARS);
        ErrorKind kind = context.isOverflow(text) ? ErrorKind.CONTEXT_OVERFLOW
                : ErrorTypes.kindOf(type);
        finishOpenBlocks(sink);
        sink.error(kind, text, null);
    }

    private void note(AssemblySink sink, String code, String details) {
        if (noted.add(code)) {
            int colon = code.indexOf(':');
            sink.deviation((colon < 0 ? code : code.substring(0, colon)) + ": " + details);
        }
    }

    private static @Nullable String text(JsonNode node) {
        return node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    private static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String snippet(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, Math.min(length, SNIPPET * 4),
                StandardCharsets.UTF_8);
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
    }

    /** One wire block: its index and type, and what is kept until it stops. */
    private static final class Block {
        final int index;
        final String type;
        final StringBuilder signature = new StringBuilder();
        @Nullable JsonNode startInput;
        boolean sawInput;
        boolean skipped;
        boolean stopped;

        Block(int index, String type) {
            this.index = index;
            this.type = type;
        }

        @Override
        public String toString() {
            return type + " block " + index;
        }
    }
}
