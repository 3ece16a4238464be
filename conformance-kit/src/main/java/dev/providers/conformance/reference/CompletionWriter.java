package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Output.CallOut;

/** Writes a non-streaming answer: one {@code chat.completion} object with usage. */
final class CompletionWriter {

    private CompletionWriter() { }

    /** Returns the completion object of an output. */
    static ObjectNode of(Profile profile, ChatRequest request, Output out, String id,
            long created) {
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("object", "chat.completion");
        body.put("created", created);
        body.put("model", request.modelId());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (out.content().isEmpty() && !out.calls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", out.text());
        }
        message.putNull("refusal");
        message.putArray("annotations");
        if (!out.reasoning().isEmpty()) {
            message.put(profile.has(Quirk.REASONING_FIELD) ? "reasoning" : "reasoning_content",
                    out.reasoningText());
        }
        if (!out.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (CallOut call : out.calls()) {
                ObjectNode wire = calls.addObject();
                wire.put("id", call.id());
                wire.put("type", "function");
                wire.putObject("function").put("name", call.name())
                        .put("arguments", call.arguments());
            }
        }
        choice.putNull("logprobs");
        if (profile.has(Quirk.NO_FINISH_REASON)) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", out.finishReason());
        }
        body.set("usage", UsageJson.of(profile, out.usage()));
        body.put("system_fingerprint", "fp_ref0c0ffee");
        if (profile.has(Quirk.GROQ_USAGE)) {
            body.putObject("x_groq").put("id", "req_" + id);
        }
        return body;
    }
}
