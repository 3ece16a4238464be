package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.ResponseFormat;
import dev.providers.engine.StreamOptions;
import java.util.Objects;

/**
 * The caller's sampling and output-shape fields
 * ({@code docs/dialects/openai-completions.md} §3.1 #7), each sent
 * only when set: {@code temperature}, {@code top_p}, {@code stop}, {@code frequency_penalty},
 * {@code presence_penalty}, {@code seed}, {@code response_format}.
 *
 * <p>Thread-safety: stateless.
 */
final class SamplingParams {

    private SamplingParams() { }

    /** Writes the fields the options set, in this order. */
    static void write(ObjectNode body, StreamOptions options) {
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
        if (options.frequencyPenalty() != null) {
            body.put("frequency_penalty", options.frequencyPenalty());
        }
        if (options.presencePenalty() != null) {
            body.put("presence_penalty", options.presencePenalty());
        }
        if (options.seed() != null) {
            body.put("seed", options.seed());
        }
        ResponseFormat format = options.responseFormat();
        if (format != null) {
            body.set("response_format", responseFormat(format));
        }
    }

    private static ObjectNode responseFormat(ResponseFormat format) {
        ObjectNode out = WireJson.object();
        switch (format.type()) {
            case TEXT -> out.put("type", "text");
            case JSON_OBJECT -> out.put("type", "json_object");
            case JSON_SCHEMA -> {
                out.put("type", "json_schema");
                ObjectNode schema = out.putObject("json_schema");
                schema.put("name", Objects.requireNonNull(format.name()));
                schema.set("schema", WireJson.tree(format.schema()));
                schema.put("strict", format.strict());
            }
        }
        return out;
    }
}
