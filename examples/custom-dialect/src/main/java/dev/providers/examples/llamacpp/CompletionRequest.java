package dev.providers.examples.llamacpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.ResponseFormat;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.spi.DialectRequest;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the body of {@code POST /completion}: the rendered {@code prompt},
 * {@code stream: true}, {@code n_predict} (the caller's {@code maxTokens}, else the model's;
 * left out when neither is set, so the server generates until the end of its context),
 * {@code cache_prompt}, the caller's {@code stop} sequences with the template's,
 * {@code temperature}, {@code top_p}, {@code presence_penalty}, {@code frequency_penalty},
 * {@code seed}, a response format as {@code json_schema}, then the caller's {@code extraBody}
 * (a null value removes a field).
 *
 * <p>Thread-safety: stateless.
 */
final class CompletionRequest {

    /** The endpoint under the base URL (which has no {@code /v1}). */
    static final String PATH = "completion";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** llama.cpp's tokenizers average about four characters of English per token. */
    private static final int CHARS_PER_TOKEN = 4;

    private CompletionRequest() { }

    /**
     * Returns the request for a context.
     *
     * @throws IllegalArgumentException if the context cannot be rendered as a prompt
     */
    static DialectRequest encode(NativeCompat compat, @Nullable Integer modelMaxTokens,
            Context context, StreamOptions options) {
        String prompt = PromptRenderer.render(context, compat.template());
        Integer maxTokens = options.maxTokens() != null ? options.maxTokens() : modelMaxTokens;
        ObjectNode body = MAPPER.createObjectNode();
        body.put("prompt", prompt);
        body.put("stream", true);
        if (maxTokens != null) {
            body.put("n_predict", maxTokens.intValue());
        }
        body.put("cache_prompt", compat.cachePrompt());
        Set<String> stops = new LinkedHashSet<>(options.stop());
        stops.addAll(compat.template().stops());
        if (!stops.isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            stops.forEach(stop::add);
        }
        putIfSet(body, "temperature", options.temperature());
        putIfSet(body, "top_p", options.topP());
        putIfSet(body, "presence_penalty", options.presencePenalty());
        putIfSet(body, "frequency_penalty", options.frequencyPenalty());
        if (options.seed() != null) {
            body.put("seed", options.seed().longValue());
        }
        responseFormat(body, options.responseFormat());
        for (Map.Entry<String, @Nullable Object> extra : options.extraBody().entrySet()) {
            if (extra.getValue() == null) {
                body.remove(extra.getKey());
            } else {
                body.set(extra.getKey(), MAPPER.valueToTree(extra.getValue()));
            }
        }
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body cannot be written: "
                    + e.getOriginalMessage(), e);
        }
        int estimate = (prompt.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        return new DialectRequest(PATH, Map.of(), Map.of(), bytes, "text/event-stream",
                estimate, maxTokens);
    }

    private static void putIfSet(ObjectNode body, String field, @Nullable Double value) {
        if (value != null) {
            body.put(field, value.doubleValue());
        }
    }

    /** Grammar-constrained output: llama-server's {@code json_schema} ({} is any JSON). */
    private static void responseFormat(ObjectNode body, @Nullable ResponseFormat format) {
        if (format == null) {
            return;
        }
        switch (format.type()) {
            case TEXT -> { }
            case JSON_OBJECT -> body.putObject("json_schema").put("type", "object");
            case JSON_SCHEMA -> body.set("json_schema", MAPPER.valueToTree(format.schema()));
        }
    }
}
