package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Output.CallOut;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Streams an output as {@code chat.completion.chunk} events in the profile's exact shape:
 * OpenAI's order (a role chunk, reasoning, content one piece per chunk, tool-call headers then
 * argument fragments, a finish chunk with an empty delta, the usage chunk with empty choices when
 * asked for, {@code [DONE]}), plus each profile's documented deviations.
 */
final class StreamWriter {

    /** OpenRouter repeats its processing comment after this many chunks. */
    private static final int COMMENT_EVERY = 8;

    private static final String OBFUSCATION = "Qx7mZr2LkP9w";

    private final Profile profile;
    private final ChatRequest request;
    private final String id;
    private final long created;
    private final SseStream sse;
    private int chunks;

    StreamWriter(Profile profile, ChatRequest request, String id, long created, SseStream sse) {
        this.profile = profile;
        this.request = request;
        this.id = id;
        this.created = created;
        this.sse = sse;
    }

    /** Streams the whole output, ending with {@code [DONE]}. */
    void write(Output out) throws IOException {
        preamble();
        if (profile != Profile.OLLAMA) {
            ObjectNode role = delta();
            role.put("role", "assistant");
            if (profile.has(Quirk.LLAMACPP_WIRE)) {
                role.putNull("content");
            } else {
                role.put("content", "");
            }
            if (isOpenAiShape()) {
                role.putNull("refusal");
            }
            emit(role, null, Azure.EMPTY);
        }
        for (String piece : out.reasoning()) {
            emit(reasoning(piece), null, Azure.EMPTY);
        }
        for (String piece : out.content()) {
            ObjectNode delta = delta();
            delta.put("content", piece);
            emit(delta, null, Azure.SAFE);
        }
        for (int i = 0; i < out.calls().size(); i++) {
            toolCall(i, out.calls().get(i));
        }
        finish(out);
        sse.done();
    }

    /** Streams OpenRouter's mid-stream error: an error object and finish reason "error". */
    void error(ObjectNode error) throws IOException {
        preamble();
        ObjectNode chunk = base();
        chunk.set("error", error);
        ObjectNode delta = Json.object().put("content", "");
        chunk.set("choices", Json.array().add(choice(delta, "error", Azure.EMPTY)));
        sse.data(chunk);
        sse.done();
    }

    private void preamble() throws IOException {
        if (profile.has(Quirk.HEARTBEATS)) {
            sse.comment(""); // llama-server's keep-alive while it processes the prompt
            sse.comment("");
        }
        if (profile.has(Quirk.OPENROUTER_COMMENTS)) {
            sse.comment(" OPENROUTER PROCESSING");
            sse.comment(" OPENROUTER PROCESSING");
        }
        if (profile.has(Quirk.AZURE_FILTERS)) {
            sse.data(Azure.promptFilterChunk());
        }
    }

    private ObjectNode delta() {
        ObjectNode delta = Json.object();
        if (profile == Profile.OLLAMA) {
            delta.put("role", "assistant"); // Ollama repeats the role on every chunk
        }
        return delta;
    }

    private ObjectNode reasoning(String piece) {
        ObjectNode delta = delta();
        if (profile.has(Quirk.REASONING_FIELD)) {
            delta.put("content", "");
            delta.put("reasoning", piece);
        } else {
            delta.put("reasoning_content", piece);
        }
        if (profile.has(Quirk.REASONING_DETAILS)) {
            delta.putArray("reasoning_details").addObject().put("type", "reasoning.text")
                    .put("text", piece).put("format", "unknown").put("index", 0);
        }
        return delta;
    }

    private void toolCall(int index, CallOut call) throws IOException {
        if (profile.has(Quirk.MISTRAL_TOOL_CALLS) || profile == Profile.OLLAMA) {
            // the whole call in one chunk; Mistral also leaves out index and type
            ObjectNode delta = delta();
            ObjectNode entry = delta.putArray("tool_calls").addObject();
            entry.put("id", call.id());
            if (!profile.has(Quirk.MISTRAL_TOOL_CALLS)) {
                entry.put("index", index);
                entry.put("type", "function");
            }
            entry.putObject("function").put("name", call.name())
                    .put("arguments", call.arguments());
            emit(delta, null, Azure.EMPTY);
            return;
        }
        ObjectNode header = delta();
        ObjectNode entry = header.putArray("tool_calls").addObject();
        entry.put("index", index);
        entry.put("id", call.id());
        entry.put("type", "function");
        entry.putObject("function").put("name", call.name()).put("arguments", "");
        emit(header, null, Azure.EMPTY);
        for (String fragment : call.fragments()) {
            ObjectNode delta = delta();
            delta.putArray("tool_calls").addObject().put("index", index).putObject("function")
                    .put("arguments", fragment);
            emit(delta, null, Azure.EMPTY);
        }
    }

    private void finish(Output out) throws IOException {
        ObjectNode delta = delta();
        if (profile == Profile.OLLAMA) {
            delta.put("content", "");
        }
        String reason = profile.has(Quirk.NO_FINISH_REASON) ? null : out.finishReason();
        ObjectNode chunk = chunk(choice(delta, reason, Azure.EMPTY));
        boolean usageDone = false;
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            chunk.set("timings", timings(out));
        }
        if (profile.has(Quirk.GROQ_USAGE)) {
            chunk.putObject("x_groq").put("id", "req_" + id).set("usage",
                    UsageJson.groq(out.usage()));
            usageDone = true;
        }
        if (profile.has(Quirk.ZERO_USAGE_UNTIL_LAST)) {
            chunk.set("usage", UsageJson.of(profile, out.usage()));
            usageDone = true;
        }
        if (profile.has(Quirk.USAGE_ON_FINISH_CHUNK) && request.includeUsage()) {
            chunk.set("usage", UsageJson.of(profile, out.usage()));
            usageDone = true;
        }
        send(chunk);
        if (profile.has(Quirk.AZURE_FILTERS)) {
            sse.data(Azure.trailingChunk(out.text().length()));
        }
        if (request.includeUsage() && !usageDone) {
            ObjectNode usage = base();
            usage.set("choices", Json.array());
            usage.set("usage", UsageJson.of(profile, out.usage()));
            send(usage);
        }
    }

    private ObjectNode timings(Output out) {
        int prompt = out.usage().prompt();
        int predicted = out.usage().completion();
        ObjectNode timings = Json.object();
        timings.put("cache_n", out.usage().cached());
        timings.put("prompt_n", prompt);
        timings.put("prompt_ms", prompt * 0.05);
        timings.put("prompt_per_token_ms", 0.05);
        timings.put("prompt_per_second", 20000.0);
        timings.put("predicted_n", predicted);
        timings.put("predicted_ms", predicted * 0.5);
        timings.put("predicted_per_token_ms", 0.5);
        timings.put("predicted_per_second", 2000.0);
        return timings;
    }

    private void emit(ObjectNode delta, @Nullable String finish, ObjectNode filter)
            throws IOException {
        send(chunk(choice(delta, finish, filter)));
    }

    private void send(ObjectNode chunk) throws IOException {
        if (profile.has(Quirk.OPENROUTER_COMMENTS) && chunks > 0 && chunks % COMMENT_EVERY == 0) {
            sse.comment(" OPENROUTER PROCESSING");
        }
        chunks++;
        sse.data(chunk);
    }

    /** Returns a chunk around one choice, with the profile's extra fields. */
    private ObjectNode chunk(ObjectNode choice) {
        ObjectNode chunk = base();
        chunk.set("choices", Json.array().add(choice));
        if (profile == Profile.AZURE) {
            // Azure serialises keys alphabetically; choices came first, the rest follow
            ObjectNode sorted = Json.object();
            sorted.set("choices", chunk.get("choices"));
            sorted.put("created", created).put("id", id).put("model", request.modelId())
                    .put("obfuscation", OBFUSCATION.substring(0, 1 + chunks % 11))
                    .put("object", "chat.completion.chunk")
                    .put("system_fingerprint", "fp_ee1d74bde0");
            return sorted;
        }
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            ObjectNode ordered = Json.object();
            ordered.set("choices", chunk.get("choices"));
            ordered.put("created", created).put("id", id).put("model", request.modelId())
                    .put("system_fingerprint", "b1-de3ff81")
                    .put("object", "chat.completion.chunk");
            return ordered;
        }
        if (profile.has(Quirk.ZERO_USAGE_UNTIL_LAST)) {
            chunk.set("usage", UsageJson.zero(profile));
        }
        if (profile.has(Quirk.GROQ_USAGE) && chunks == 0) {
            chunk.putObject("x_groq").put("id", "req_" + id);
        }
        if (isOpenAiShape() && request.includeUsage()) {
            chunk.putNull("usage"); // OpenAI sends usage: null on every chunk but the last
        }
        return chunk;
    }

    /** Returns the chunk fields before {@code choices}. */
    private ObjectNode base() {
        ObjectNode chunk = Json.object();
        switch (profile) {
            case OPENROUTER -> chunk.put("id", id).put("provider", "Reference")
                    .put("model", request.modelId()).put("object", "chat.completion.chunk")
                    .put("created", created);
            case LOCALAI -> chunk.put("created", created).put("object", "chat.completion.chunk")
                    .put("id", id).put("model", request.modelId());
            case MISTRAL -> chunk.put("id", id).put("object", "chat.completion.chunk")
                    .put("created", created).put("model", request.modelId());
            case OLLAMA -> chunk.put("id", id).put("object", "chat.completion.chunk")
                    .put("created", created).put("model", request.modelId())
                    .put("system_fingerprint", "fp_ollama");
            default -> {
                chunk.put("id", id).put("object", "chat.completion.chunk")
                        .put("created", created).put("model", request.modelId());
                if (isOpenAiShape()) {
                    chunk.put("service_tier", "default");
                }
                chunk.put("system_fingerprint", "fp_ref0c0ffee");
            }
        }
        return chunk;
    }

    private ObjectNode choice(ObjectNode delta, @Nullable String finish, ObjectNode filter) {
        ObjectNode choice = Json.object();
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            choice.put("finish_reason", finish).put("index", 0).set("delta", delta);
            return choice;
        }
        if (profile.has(Quirk.NO_FINISH_REASON)) {
            choice.put("index", 0).putNull("finish_reason");
            choice.set("delta", delta);
            return choice;
        }
        if (profile.has(Quirk.AZURE_FILTERS)) {
            choice.set("content_filter_results", filter.deepCopy());
            choice.set("delta", delta);
            choice.put("finish_reason", finish).put("index", 0).putNull("logprobs");
            return choice;
        }
        choice.put("index", 0);
        choice.set("delta", delta);
        if (profile != Profile.MISTRAL) {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", finish);
        if (profile.has(Quirk.OPENROUTER_COMMENTS)) {
            choice.put("native_finish_reason", finish);
        }
        return choice;
    }

    /** Whether the chunks carry OpenAI's own extras (service_tier, refusal, usage: null). */
    private boolean isOpenAiShape() {
        return switch (profile) {
            case OPENAI, NO_DEVELOPER_ROLE, NO_MAX_COMPLETION_TOKENS, NO_STREAM_OPTIONS, NO_STORE,
                    THINK_TAGS -> true;
            default -> false;
        };
    }

    /** Azure's content-filter annotations. */
    private static final class Azure {

        static final ObjectNode EMPTY = Json.object();
        static final ObjectNode SAFE = safe();

        static ObjectNode promptFilterChunk() {
            ObjectNode chunk = Json.object();
            chunk.set("choices", Json.array());
            chunk.put("created", 0).put("id", "").put("model", "").put("object", "");
            ArrayNode results = chunk.putArray("prompt_filter_results");
            ObjectNode result = results.addObject();
            result.put("prompt_index", 0);
            ObjectNode filters = safe();
            filters.putObject("jailbreak").put("filtered", false).put("detected", false);
            result.set("content_filter_results", filters);
            return chunk;
        }

        /** The asynchronous filter's annotation after the finish: a choice without a delta. */
        static ObjectNode trailingChunk(int textLength) {
            ObjectNode chunk = Json.object();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.putObject("content_filter_offsets").put("check_offset", 0)
                    .put("start_offset", 0).put("end_offset", textLength);
            choice.set("content_filter_results", safe());
            choice.putNull("finish_reason");
            choice.put("index", 0);
            chunk.put("created", 0).put("id", "").put("model", "").put("object", "");
            return chunk;
        }

        private static ObjectNode safe() {
            ObjectNode filters = Json.object();
            for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
                filters.putObject(category).put("filtered", false).put("severity", "safe");
            }
            return filters;
        }
    }
}
