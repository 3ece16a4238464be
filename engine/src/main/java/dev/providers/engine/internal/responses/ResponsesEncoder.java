package dev.providers.engine.internal.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.CacheRetention;
import dev.providers.engine.ResponseFormat;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.internal.openai.MaxTokens;
import dev.providers.engine.internal.stream.Surrogates;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Message;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spi.History;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code openai-responses} request body in the construction order of
 * {@code docs/dialects/openai-responses.md} §3.1: model, instructions, input, stream, store,
 * include, max_output_tokens, sampling, stop, tools, tool_choice, reasoning, text format,
 * prompt cache; then the caller's extra fields, {@code omitFields}, and the removal of lone
 * surrogates from every string.
 *
 * <p>A pure function of its inputs: no clock, environment or I/O. Thread-safety: stateless.
 */
final class ResponsesEncoder {

    /** The longest prompt cache key sent, in code points. */
    static final int MAX_CACHE_KEY = 64;

    private ResponsesEncoder() { }

    /** The body, the output limit it carries and the prompt-size estimate. */
    record Encoded(ObjectNode body, @Nullable Integer maxTokens, int estimatedPromptTokens) { }

    /**
     * Returns the encoded request.
     *
     * @throws IllegalArgumentException for an option this server cannot take (stop sequences
     *     without {@code supportsStopSequences}, penalties, a seed), or when there would be
     *     no input and no instructions at all
     */
    static Encoded encode(ResolvedModel model, ResponsesCompat compat, Context context,
            StreamOptions options) {
        ModelSpec spec = model.model();
        refuseUnsupported(options, compat);
        List<Message> history = History.prepare(context.messages(), model,
                compat.toolCallIdFormat());
        String system = context.systemPrompt();
        boolean hasSystem = system != null && !system.isEmpty();
        boolean instructions = hasSystem
                && compat.systemPrompt() == ResponsesCompat.SystemPrompt.INSTRUCTIONS;
        ArrayNode input = new InputConverter(compat, spec.acceptsImages()).convert(
                hasSystem && !instructions ? system : null, history);
        if (input.isEmpty() && !instructions) {
            throw new IllegalArgumentException("there is no input to send: the context has no "
                    + "system prompt and no message that is replayed (it is empty, or holds "
                    + "only failed or empty assistant turns)");
        }
        ArrayNode tools = context.tools().isEmpty() ? null
                : ResponsesTools.tools(context.tools());
        int estimate = InputSize.estimate(instructions ? system : null, input, tools);
        Integer maxTokens = MaxTokens.resolve(options.maxTokens(), spec.maxTokens(),
                spec.contextWindow(), estimate);

        ObjectNode body = ResponsesJson.object();
        body.put("model", spec.id());
        if (instructions) {
            body.put("instructions", system);
        }
        body.set("input", input);
        body.put("stream", true);
        if (compat.supportsStore()) {
            body.put("store", false);
        }
        if (spec.reasoning() && compat.supportsEncryptedReasoning()) {
            body.putArray("include").add("reasoning.encrypted_content");
        }
        if (maxTokens != null) {
            body.put("max_output_tokens", maxTokens);
        }
        if (options.temperature() != null) {
            body.put("temperature", options.temperature());
        }
        if (options.topP() != null) {
            body.put("top_p", options.topP());
        }
        if (!options.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            options.stop().forEach(stop::add);
        }
        if (tools != null) {
            body.set("tools", tools);
        }
        if (options.toolChoice() != null) {
            body.set("tool_choice", ResponsesTools.choice(options.toolChoice()));
        }
        ReasoningParams.write(body, spec, options.reasoning(), compat);
        if (options.responseFormat() != null) {
            body.putObject("text").set("format", format(options.responseFormat()));
        }
        promptCache(body, compat, options);
        extraBody(body, options.extraBody(), compat.omitFields());
        // last, so that no string from any source (extra fields included) escapes the pass
        Surrogates.stripTree(body);
        JsonNode sent = body.path("max_output_tokens");
        return new Encoded(body, sent.canConvertToInt() ? sent.intValue() : null, estimate);
    }

    /** Refuses options the Responses API has no field for, before anything is sent. */
    private static void refuseUnsupported(StreamOptions options, ResponsesCompat compat) {
        if (!options.stop().isEmpty() && !compat.supportsStopSequences()) {
            throw new IllegalArgumentException("openai-responses sends no stop sequences to "
                    + "this server (OpenAI's Responses API has none); set "
                    + "compat.supportsStopSequences: true for a server that takes 'stop'");
        }
        refuse("frequency_penalty", options.frequencyPenalty(), options);
        refuse("presence_penalty", options.presencePenalty(), options);
        refuse("seed", options.seed(), options);
    }

    /** Refuses an option without a field here, unless the caller sends it as an extra field. */
    private static void refuse(String field, @Nullable Object value, StreamOptions options) {
        if (value != null && !options.extraBody().containsKey(field)) {
            throw new IllegalArgumentException("openai-responses has no '" + field
                    + "'; send it with extraBody to a server that takes it");
        }
    }

    private static ObjectNode format(ResponseFormat format) {
        ObjectNode out = ResponsesJson.object();
        switch (format.type()) {
            case TEXT -> out.put("type", "text");
            case JSON_OBJECT -> out.put("type", "json_object");
            case JSON_SCHEMA -> {
                out.put("type", "json_schema");
                out.put("name", Objects.requireNonNull(format.name()));
                out.set("schema", ResponsesJson.tree(format.schema()));
                out.put("strict", format.strict());
            }
        }
        return out;
    }

    /** Writes {@code prompt_cache_key} (and the 24 h retention) for a caching session. */
    private static void promptCache(ObjectNode body, ResponsesCompat compat,
            StreamOptions options) {
        String session = options.sessionId();
        // (ours) an empty id identifies no session; retention NONE asks for no caching hints
        if (session == null || session.isEmpty() || !compat.supportsPromptCacheKey()
                || options.cacheRetention() == CacheRetention.NONE) {
            return;
        }
        body.put("prompt_cache_key", clamp(session));
        if (options.cacheRetention() == CacheRetention.LONG
                && compat.supportsLongCacheRetention()) {
            body.put("prompt_cache_retention", "24h");
        }
    }

    /** Returns the first 64 code points of a session id. */
    static String clamp(String session) {
        if (session.codePointCount(0, session.length()) <= MAX_CACHE_KEY) {
            return session;
        }
        return session.substring(0, session.offsetByCodePoints(0, MAX_CACHE_KEY));
    }

    /**
     * Merges the caller's extra fields (a null value removes the key), then removes
     * {@code omitFields}, which win: they describe what the server rejects.
     */
    private static void extraBody(ObjectNode body, Map<String, @Nullable Object> extra,
            List<String> omit) {
        extra.forEach((field, value) -> {
            if (value == null) {
                body.remove(field);
            } else {
                body.set(field, ResponsesJson.tree(value));
            }
        });
        omit.forEach(body::remove);
    }
}
