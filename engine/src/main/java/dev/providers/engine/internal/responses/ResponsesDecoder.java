package dev.providers.engine.internal.responses;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.spi.AssemblySink;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Responses event stream ({@code docs/dialects/openai-responses.md} §5) into the sink.
 * Blocks follow output items: a reasoning item is one thinking block (summary parts and
 * reasoning-text parts joined by a blank line), each content part of a message is one text
 * block (refusals too), a function call is one tool call whose item id becomes its signature.
 * Items are found by {@code output_index}, else by {@code item_id} (llama.cpp sends no index).
 * {@code response.output_item.done} completes what its deltas left out, gives a reasoning item
 * its signature (the item itself, for replay) and ends the item's blocks. The stream ends with
 * exactly one of {@code response.completed}, {@code response.incomplete} or
 * {@code response.failed}, or an {@code error} event; a body that ends before is an error.
 *
 * <p>Error texts are cut and matched against the overflow patterns here, before the sink is
 * called, as the SPI asks.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class ResponsesDecoder implements StreamDecoder {

    /** The most output items a response may have. */
    static final int MAX_ITEMS = 10_000;
    /** The highest content, summary or output index taken. */
    static final int MAX_INDEX = 4_096;
    /** The longest snippet of a bad payload quoted in an error. */
    static final int SNIPPET = 200;
    /** How many unknown event or item types are recorded as deviations. */
    static final int MAX_UNKNOWN = 32;

    private static final int SUMMARY = 0;
    /** The output index of an item named by id only. */
    private static final JsonNode MISSING = MissingNode.getInstance();
    private static final int CONTENT = 1 << 16;

    private final DecoderContext context;
    /** The per-token event's fast path; every other event goes through a JSON tree. */
    private final TextDeltaEvents textDeltas = new TextDeltaEvents();
    private final boolean lengthFromUsage;
    private final @Nullable Integer maxTokens;
    private final Map<Integer, OutputItem> byIndex = new HashMap<>();
    private final Map<String, OutputItem> byId = new HashMap<>();
    private final Set<String> unknown = new LinkedHashSet<>();
    private @Nullable OutputItem last;
    private boolean sawUnkeyed;
    private boolean hasCalls;
    private long outputTokens = -1;

    /**
     * Creates the decoder of one response.
     *
     * @param context the engine's overflow matching
     * @param lengthFromUsage whether a completed response that used {@code maxTokens} output
     *     tokens is a length stop
     * @param maxTokens the {@code max_output_tokens} sent, or null
     */
    ResponsesDecoder(DecoderContext context, boolean lengthFromUsage,
            @Nullable Integer maxTokens) {
        this.context = context;
        this.lengthFromUsage = lengthFromUsage;
        this.maxTokens = maxTokens;
    }

    @Override
    public void event(@Nullable String name, byte[] bytes, int offset, int length,
            AssemblySink sink) {
        if (textDeltas.match(bytes, offset, length)) {
            textDelta(textDeltas.outputIndex, textDeltas.itemId, textDeltas.delta,
                    textDeltas.contentIndex, sink);
            return;
        }
        JsonNode event;
        try {
            event = ResponsesJson.MAPPER.readTree(bytes, offset, length);
        } catch (IOException e) {
            String reason = e instanceof JacksonException json ? json.getOriginalMessage()
                    : e.getMessage();
            sink.error(ErrorKind.PROTOCOL, "invalid JSON in the stream (" + reason + "): "
                    + snippet(bytes, offset, length), null);
            return;
        }
        if (event == null || !event.isObject()) {
            sink.error(ErrorKind.PROTOCOL, "an event that is not a JSON object: "
                    + snippet(bytes, offset, length), null);
            return;
        }
        String type = ResponsesJson.string(event, "type");
        if (type == null) {
            type = name;
        }
        if (type == null) {
            unknown(sink, "untyped-event", "an event without a type or an event name, skipped");
            return;
        }
        dispatch(type, event, sink);
    }

    @Override
    public void body(byte[] bytes, @Nullable String contentType, AssemblySink sink) {
        JsonNode response;
        try {
            response = ResponsesJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            sink.error(ErrorKind.PROTOCOL, "the server answered with "
                    + (contentType == null ? "a body" : contentType) + " that is not a "
                    + "response object: " + snippet(bytes, 0, bytes.length), null);
            return;
        }
        if (response == null || !response.isObject() || !response.has("output")) {
            sink.error(ErrorKind.PROTOCOL, "the server answered with "
                    + (contentType == null ? "a body" : contentType) + " that is not a "
                    + "response object: " + snippet(bytes, 0, bytes.length), null);
            return;
        }
        // a stream request answered without streaming: one whole response object
        sink.deviation("no-stream: the server answered with one response object");
        String status = ResponsesJson.string(response, "status");
        finish("response." + (status == null ? "completed" : status), response, sink);
    }

    @Override
    public void end(AssemblySink sink) {
        if (!sink.isEnded()) {
            sink.error(ErrorKind.PROTOCOL, "the stream ended without response.completed, "
                    + "response.incomplete or response.failed", null);
        }
    }

    private void dispatch(String type, JsonNode event, AssemblySink sink) {
        switch (type) {
            case "response.created", "response.in_progress", "response.queued" ->
                    metadata(event.path("response"), sink);
            case "response.output_item.added" -> itemAdded(event, sink);
            case "response.output_item.done" -> itemDone(event.path("output_index"),
                    event.path("item"), sink);
            case "response.content_part.added", "response.content_part.done" ->
                    partText(event, event.path("part"), sink);
            case "response.output_text.delta", "response.refusal.delta" -> textDelta(event, sink);
            case "response.output_text.done" -> doneText(event, "text", sink);
            case "response.refusal.done" -> doneText(event, "refusal", sink);
            case "response.reasoning_summary_text.delta" -> thinking(event, SUMMARY,
                    index(event, "summary_index"), sink);
            case "response.reasoning_text.delta" -> thinking(event, CONTENT,
                    index(event, "content_index"), sink);
            case "response.function_call_arguments.delta" -> argumentsDelta(event, sink);
            case "response.function_call_arguments.done" -> argumentsDone(event, sink);
            case "response.completed", "response.incomplete", "response.failed" ->
                    finish(type, event.path("response"), sink);
            case "error" -> streamError(event, sink);
            // summaries and reasoning text arrive whole again in output_item.done; the
            // annotations of a text have no place in the event model
            case "response.reasoning_summary_part.added", "response.reasoning_summary_part.done",
                    "response.reasoning_summary_text.done", "response.reasoning_text.done",
                    "response.output_text.annotation.added" -> { }
            default -> unknown(sink, "unknown-event", type + " skipped");
        }
    }

    private void metadata(JsonNode response, AssemblySink sink) {
        String id = ResponsesJson.string(response, "id");
        if (id != null) {
            sink.responseId(id);
        }
        String model = ResponsesJson.string(response, "model");
        if (model != null) {
            sink.responseModel(model);
        }
    }

    private void itemAdded(JsonNode event, AssemblySink sink) {
        JsonNode item = event.path("item");
        OutputItem tracked = find(event.path("output_index"), ResponsesJson.string(item, "id"),
                ResponsesJson.string(item, "type"), sink);
        if (tracked == null || tracked.ignored) {
            return;
        }
        if ("function_call".equals(tracked.type)) {
            callHeader(tracked, item, sink);
            String arguments = item.path("arguments").asText("");
            if (!arguments.isEmpty()) {
                tracked.argumentsStreamed = true;
                sink.toolCall(tracked, null, null, arguments);
            }
        }
    }

    /** Reads a call's id, name and item id from its item and starts it once it has a name. */
    private void callHeader(OutputItem tracked, JsonNode item, AssemblySink sink) {
        if (tracked.callId == null) {
            tracked.callId = ResponsesJson.string(item, "call_id");
            if (tracked.callId == null && tracked.id != null) {
                // the result must name the call by call_id; without one the item id stands in
                tracked.callId = tracked.id;
                sink.deviation("missing-call-id: function call " + tracked.id
                        + " has no call_id; its item id is used");
            }
        }
        String name = ResponsesJson.string(item, "name");
        if (!tracked.callStarted && (name != null || tracked.callId != null)) {
            sink.toolCall(tracked, tracked.callId, name, "");
            tracked.callStarted = name != null;
            hasCalls |= name != null;
        }
        if (!tracked.signed && tracked.callId != null && tracked.id != null) {
            // the item id goes back beside call_id when the call is replayed
            sink.toolCallSignature(tracked.callId, tracked.id);
            tracked.signed = true;
        }
    }

    private void textDelta(JsonNode event, AssemblySink sink) {
        textDelta(outputIndex(event.path("output_index")), ResponsesJson.string(event, "item_id"),
                ResponsesJson.string(event, "delta"), index(event, "content_index"), sink);
    }

    /** A text delta by its fields: the tree's, or the fast path's ({@link TextDeltaEvents}). */
    private void textDelta(int outputIndex, @Nullable String itemId, @Nullable String delta,
            int contentIndex, AssemblySink sink) {
        OutputItem item = find(outputIndex, itemId, "message", sink);
        int index = contentIndex <= MAX_INDEX ? contentIndex : -1;
        if (item == null || item.ignored || delta == null || index < 0) {
            return;
        }
        OutputItem.Part part = item.part(index);
        part.streamed = true;
        sink.text(part, delta);
    }

    /** A done event's whole text, sent only when no delta carried it. */
    private void doneText(JsonNode event, String field, AssemblySink sink) {
        partText(event, event, field, sink);
    }

    private void partText(JsonNode event, JsonNode part, AssemblySink sink) {
        partText(event, part, "refusal".equals(part.path("type").asText()) ? "refusal" : "text",
                sink);
    }

    private void partText(JsonNode event, JsonNode holder, String field, AssemblySink sink) {
        String text = ResponsesJson.string(holder, field);
        int index = index(event, "content_index");
        if (text == null || index < 0) {
            return;
        }
        OutputItem item = find(event.path("output_index"), ResponsesJson.string(event,
                "item_id"), "message", sink);
        if (item == null || item.ignored) {
            return;
        }
        OutputItem.Part part = item.part(index);
        if (!part.streamed) {
            part.streamed = true;
            sink.text(part, text);
        }
    }

    /** A thinking delta of summary part or content part {@code index} ({@code kind}). */
    private void thinking(JsonNode event, int kind, int index, AssemblySink sink) {
        OutputItem item = find(event.path("output_index"), ResponsesJson.string(event,
                "item_id"), ReasoningItems.REASONING, sink);
        String delta = ResponsesJson.string(event, "delta");
        if (item == null || item.ignored || delta == null || index < 0) {
            return;
        }
        int part = kind + index;
        if (item.hasThinking && part != item.lastPart) {
            sink.thinking(item, "\n\n"); // a new summary part: as ReasoningItems.text joins
        }
        item.hasThinking = true;
        item.lastPart = part;
        sink.thinking(item, delta);
    }

    private void argumentsDelta(JsonNode event, AssemblySink sink) {
        OutputItem item = find(event.path("output_index"), ResponsesJson.string(event,
                "item_id"), "function_call", sink);
        String delta = ResponsesJson.string(event, "delta");
        if (item == null || item.ignored || delta == null) {
            return;
        }
        item.argumentsStreamed = true;
        sink.toolCall(item, null, null, delta);
    }

    private void argumentsDone(JsonNode event, AssemblySink sink) {
        OutputItem item = find(event.path("output_index"), ResponsesJson.string(event,
                "item_id"), "function_call", sink);
        if (item == null || item.ignored) {
            return;
        }
        callHeader(item, event, sink);
        String arguments = ResponsesJson.string(event, "arguments");
        if (!item.argumentsStreamed && arguments != null) {
            item.argumentsStreamed = true;
            sink.toolCall(item, null, null, arguments);
        }
    }

    /** Completes an item from its whole form and ends its blocks. */
    private void itemDone(JsonNode outputIndex, JsonNode item, AssemblySink sink) {
        OutputItem tracked = find(outputIndex, ResponsesJson.string(item, "id"),
                ResponsesJson.string(item, "type"), sink);
        if (tracked == null || tracked.ignored || tracked.done) {
            return;
        }
        tracked.done = true;
        if (tracked.id == null) {
            tracked.id = ResponsesJson.string(item, "id");
        }
        switch (tracked.type == null ? "" : tracked.type) {
            case ReasoningItems.REASONING -> {
                String signature = ReasoningItems.signature(item);
                if (!tracked.hasThinking) {
                    String text = ReasoningItems.text(item);
                    if (!text.isEmpty()) {
                        tracked.hasThinking = true;
                        sink.thinking(tracked, text);
                    }
                }
                if (tracked.hasThinking) {
                    sink.thinkingSignature(tracked, signature);
                } else {
                    // encrypted reasoning only: a redacted block that carries it back
                    sink.redactedThinking(tracked, signature);
                }
                sink.endBlock(tracked);
            }
            case "message" -> {
                JsonNode content = item.path("content");
                for (int i = 0; i < content.size() && i <= MAX_INDEX; i++) {
                    JsonNode part = content.get(i);
                    String text = ResponsesJson.string(part, "refusal".equals(
                            part.path("type").asText()) ? "refusal" : "text");
                    OutputItem.Part key = tracked.part(i);
                    if (!key.streamed && text != null) {
                        key.streamed = true;
                        sink.text(key, text);
                    }
                }
                for (OutputItem.Part part : tracked.parts()) {
                    sink.endBlock(part);
                }
            }
            case "function_call" -> {
                callHeader(tracked, item, sink);
                String arguments = ResponsesJson.string(item, "arguments");
                if (!tracked.argumentsStreamed && arguments != null) {
                    tracked.argumentsStreamed = true;
                    sink.toolCall(tracked, null, null, arguments);
                }
                sink.endBlock(tracked);
            }
            default -> { }
        }
    }

    /** Handles the final event (or a whole response object): usage, then how it stopped. */
    private void finish(String type, JsonNode response, AssemblySink sink) {
        metadata(response, sink);
        // items the stream never finished (a server that sends only the final event)
        JsonNode output = response.path("output");
        for (int i = 0; i < output.size() && i < MAX_ITEMS; i++) {
            itemDone(output.get(i).has("id") ? MISSING : ResponsesJson.tree(i), output.get(i),
                    sink);
            if (sink.isEnded()) {
                return;
            }
        }
        usage(response.path("usage"), sink);
        String status = ResponsesJson.string(response, "status");
        String kind = type.substring("response.".length());
        if (status != null && !status.equals(kind)) {
            sink.deviation("status-mismatch: " + type + " carries status '" + status
                    + "', which decides");
            kind = status;
        }
        switch (kind) {
            case "failed" -> failed(response.path("error"), sink);
            case "incomplete" -> incomplete(response.path("incomplete_details"), sink);
            case "cancelled" -> sink.error(ErrorKind.SERVER, "the server cancelled the response",
                    "cancelled");
            default -> completed(status, sink);
        }
    }

    private void completed(@Nullable String status, AssemblySink sink) {
        String raw = status == null ? "completed" : status;
        if (!raw.equals("completed")) {
            sink.deviation("unfinished-status: the final event has status '" + raw
                    + "', read as completed");
        }
        StopReason reason = hasCalls ? StopReason.TOOL_USE : StopReason.STOP;
        if (lengthFromUsage && maxTokens != null && outputTokens >= maxTokens) {
            reason = StopReason.LENGTH; // the server says completed even when cut at the limit
        }
        sink.finish(raw, reason);
        sink.end();
    }

    private void incomplete(JsonNode details, AssemblySink sink) {
        String reason = ResponsesJson.string(details, "reason");
        if ("content_filter".equals(reason)) {
            sink.error(ErrorKind.CONTENT_FILTER, "the response was stopped by the content "
                    + "filter", reason);
            return;
        }
        if (!"max_output_tokens".equals(reason)) {
            sink.deviation("incomplete-reason: response.incomplete with reason '" + reason
                    + "', read as a length stop");
        }
        sink.finish(reason == null ? "incomplete" : reason, StopReason.LENGTH);
        sink.end();
    }

    private void failed(JsonNode error, AssemblySink sink) {
        String code = ResponsesJson.string(error, "code");
        String message = ResponsesJson.string(error, "message");
        report(code, message == null ? "the response failed" : message, "failed", sink);
    }

    private void streamError(JsonNode event, AssemblySink sink) {
        // the documented shape is flat; some servers nest the fields under "error"
        JsonNode holder = event.has("message") || !event.path("error").isObject() ? event
                : event.path("error");
        String code = ResponsesJson.string(holder, "code");
        if (code == null && holder.path("code").isNumber()) {
            code = holder.path("code").asText();
        }
        String message = ResponsesJson.string(holder, "message");
        report(code, message == null ? "the server reported an error" : message, null, sink);
    }

    private void report(@Nullable String code, String message, @Nullable String raw,
            AssemblySink sink) {
        String text = HttpErrors.truncate(code == null ? message : code + ": " + message,
                HttpErrors.MAX_BODY_CHARS);
        sink.error(ErrorCodes.kind(code, text, context), text, raw);
    }

    private void usage(JsonNode usage, AssemblySink sink) {
        if (!usage.isObject()) {
            return;
        }
        long input = usage.path("input_tokens").asLong(0);
        long cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        long reasoning = usage.path("output_tokens_details").path("reasoning_tokens").asLong(0);
        outputTokens = output;
        sink.usage(Math.max(0, input - cached), output, cached, 0, reasoning);
        JsonNode total = usage.path("total_tokens");
        if (total.isNumber() && total.asLong() != input + output) {
            sink.deviation("usage-total-mismatch: wire total_tokens " + total.asLong()
                    + " != input_tokens + output_tokens " + (input + output));
        }
    }

    /**
     * Returns the item an event is about, by output index, else by item id, else (neither
     * given, noted once) the latest item of its kind; an item never announced is created.
     * Returns null, after reporting a protocol error, when there are too many items.
     */
    private @Nullable OutputItem find(JsonNode outputIndex, @Nullable String itemId,
            @Nullable String type, AssemblySink sink) {
        return find(outputIndex(outputIndex), itemId, type, sink);
    }

    /** An output index as {@link #find} reads it: an int, else -1. */
    private static int outputIndex(JsonNode outputIndex) {
        return outputIndex.canConvertToInt() && outputIndex.isIntegralNumber()
                ? outputIndex.intValue() : -1;
    }

    /** {@link #find} by an output index already read (-1 when there is none). */
    private @Nullable OutputItem find(int index, @Nullable String itemId, @Nullable String type,
            AssemblySink sink) {
        OutputItem seen = last;
        if (seen != null && (index >= 0 ? seen.outputIndex == index
                : itemId != null && itemId.equals(seen.id))) {
            return seen;
        }
        OutputItem found = index >= 0 ? byIndex.get(index) : itemId == null ? null
                : byId.get(itemId);
        if (found == null && itemId != null && index >= 0) {
            found = byId.get(itemId); // announced without an index, now named with one
        }
        if (found == null && index < 0 && itemId == null) {
            if (!sawUnkeyed) {
                sawUnkeyed = true;
                sink.deviation("unkeyed-event: an item event with neither output_index nor "
                        + "item_id; it continues the latest item of its kind");
            }
            if (seen != null && (type == null || type.equals(seen.type))) {
                return seen;
            }
        }
        if (found == null) {
            if (index > MAX_ITEMS || byIndex.size() + byId.size() >= 2 * MAX_ITEMS) {
                sink.error(ErrorKind.PROTOCOL, "the response has more than " + MAX_ITEMS
                        + " output items", null);
                return null;
            }
            found = new OutputItem(index, itemId, type);
            if (type != null && !known(type)) {
                found.ignored = true;
                unknown(sink, "unknown-output-item", "items of type " + type + " skipped");
            }
            if (index >= 0) {
                byIndex.put(index, found);
            }
            if (itemId != null) {
                byId.put(itemId, found);
            }
        } else {
            if (found.type == null && type != null) {
                found.type = type;
            }
            if (found.id == null && itemId != null) {
                found.id = itemId;
                byId.put(itemId, found);
            }
        }
        last = found;
        return found;
    }

    private static boolean known(String type) {
        return type.equals("message") || type.equals(ReasoningItems.REASONING)
                || type.equals("function_call");
    }

    /** Returns an index field, or -1 (which makes the event skipped) when out of range. */
    private static int index(JsonNode event, String field) {
        int index = ResponsesJson.index(event, field);
        return index <= MAX_INDEX ? Math.max(index, 0) : -1;
    }

    private void unknown(AssemblySink sink, String code, String details) {
        if (unknown.size() < MAX_UNKNOWN && unknown.add(code + details)) {
            sink.deviation(code + ": " + details);
        }
    }

    private static String snippet(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, Math.min(length, SNIPPET * 4),
                StandardCharsets.UTF_8);
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
    }
}
