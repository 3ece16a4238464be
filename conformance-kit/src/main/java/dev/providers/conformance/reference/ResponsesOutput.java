package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Output.CallOut;
import dev.providers.conformance.reference.Output.Counts;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Output} as Responses output items, in order: a reasoning item when the model
 * thought (with its summary when one was asked for, its encrypted content when included, or,
 * for llama.cpp, its raw text), a message when there is text, one function call per call; and
 * the response objects around them. Ids derive from the response id, so a response always has
 * the same items.
 */
final class ResponsesOutput {

    final Profile profile;
    final ResponsesCall call;
    final Output out;
    final String responseId;
    final long created;
    final @Nullable String reasoningId;
    final @Nullable String messageId;
    final List<String> callItemIds = new ArrayList<>();

    ResponsesOutput(Profile profile, ResponsesCall call, Output out, String responseId,
            long created) {
        this.profile = profile;
        this.call = call;
        this.out = out;
        this.responseId = responseId;
        this.created = created;
        String suffix = responseId.substring(responseId.indexOf('_') + 1);
        this.reasoningId = out.reasoning().isEmpty() ? null : "rs_" + suffix;
        this.messageId = out.content().isEmpty() ? null : "msg_" + suffix;
        for (CallOut each : out.calls()) {
            callItemIds.add("fc_" + each.id().substring(each.id().indexOf('_') + 1));
        }
    }

    /** Returns whether the answer was cut at the output limit. */
    boolean cut() {
        return out.finishReason().equals("length");
    }

    /** Returns the reasoning item, complete. */
    ObjectNode reasoningItem() {
        ObjectNode item = Json.object();
        item.put("id", reasoningId);
        item.put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        String text = out.reasoningText();
        if (profile.has(Quirk.LLAMACPP_RESPONSES)) {
            item.putArray("content").addObject().put("text", text).put("type",
                    "reasoning_text");
            item.put("encrypted_content", "");
            return item;
        }
        if (call.summary()) {
            summary.addObject().put("type", "summary_text").put("text", text);
        }
        if (call.encrypted()) {
            item.put("encrypted_content", EncryptedReasoning.seal(reasoningId, text));
        }
        return item;
    }

    /** Returns the output text part, complete. */
    ObjectNode textPart() {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.putArray("annotations");
        if (profile.has(Quirk.LLAMACPP_RESPONSES)) {
            part.putArray("logprobs");
        }
        part.put("text", out.text());
        return part;
    }

    /** Returns the message item, complete. */
    ObjectNode messageItem() {
        ObjectNode item = Json.object();
        item.put("id", messageId);
        item.put("type", "message");
        item.put("status", cut() && out.calls().isEmpty() ? "incomplete" : "completed");
        item.putArray("content").add(textPart());
        item.put("role", "assistant");
        return item;
    }

    /** Returns function call item {@code i}: in progress (no arguments) or complete. */
    ObjectNode callItem(int i, boolean done) {
        CallOut each = out.calls().get(i);
        ObjectNode item = Json.object();
        item.put("id", callItemIds.get(i));
        item.put("type", "function_call");
        item.put("status", !done ? "in_progress" : cut() && i == out.calls().size() - 1
                ? "incomplete" : "completed");
        item.put("arguments", done ? each.arguments() : "");
        item.put("call_id", each.id());
        item.put("name", each.name());
        return item;
    }

    /** Returns every output item, complete, in order. */
    ArrayNode items() {
        ArrayNode items = Json.array();
        if (reasoningId != null) {
            items.add(reasoningItem());
        }
        if (messageId != null) {
            items.add(messageItem());
        }
        for (int i = 0; i < out.calls().size(); i++) {
            items.add(callItem(i, true));
        }
        return items;
    }

    /**
     * Returns the response object with a status: {@code in_progress} (no output, no usage), or
     * final with its output and usage.
     */
    ObjectNode response(String status) {
        ObjectNode response = Json.object();
        response.put("id", responseId);
        response.put("object", "response");
        response.put("created_at", created);
        response.put("status", status);
        boolean incomplete = status.equals("incomplete");
        if (incomplete) {
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            response.putNull("incomplete_details");
        }
        response.putNull("error");
        response.put("model", call.chat().modelId());
        response.set("output", status.equals("in_progress") ? Json.array() : items());
        if (status.equals("in_progress")) {
            response.putNull("usage");
        } else {
            response.set("usage", usage(out.usage()));
        }
        return response;
    }

    /** Returns the usage object: input includes the cached tokens, output the reasoning. */
    ObjectNode usage(Counts counts) {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", counts.prompt());
        usage.putObject("input_tokens_details").put("cached_tokens", counts.cached());
        usage.put("output_tokens", counts.completion());
        if (!profile.has(Quirk.LLAMACPP_RESPONSES)) {
            usage.putObject("output_tokens_details").put("reasoning_tokens",
                    counts.reasoning());
        }
        usage.put("total_tokens", counts.total());
        return usage;
    }
}
