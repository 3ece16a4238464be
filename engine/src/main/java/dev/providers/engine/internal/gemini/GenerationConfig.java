package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.ResponseFormat;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ThinkingLevel;
import org.jspecify.annotations.Nullable;

/**
 * The {@code generationConfig} object ({@code docs/dialects/google-generative-ai.md} §3.4), each
 * field only when set, in this order: {@code temperature}, {@code topP},
 * {@code maxOutputTokens}, {@code stopSequences}, {@code presencePenalty},
 * {@code frequencyPenalty}, {@code seed}, {@code responseMimeType} with
 * {@code responseJsonSchema} (or {@code responseSchema} in the OpenAPI subset), and
 * {@code thinkingConfig} when a level was asked for and the model can reason.
 *
 * <p>Thread-safety: stateless.
 */
final class GenerationConfig {

    private GenerationConfig() { }

    /** Returns the object, or null when nothing is set. */
    static @Nullable ObjectNode of(StreamOptions options, ModelSpec spec,
            @Nullable Integer maxOutputTokens, GeminiCompat compat) {
        ObjectNode config = GeminiJson.object();
        if (options.temperature() != null) {
            config.put("temperature", options.temperature());
        }
        if (options.topP() != null) {
            config.put("topP", options.topP());
        }
        if (maxOutputTokens != null) {
            config.put("maxOutputTokens", maxOutputTokens);
        }
        if (!options.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            options.stop().forEach(stop::add);
        }
        if (options.presencePenalty() != null) {
            config.put("presencePenalty", options.presencePenalty());
        }
        if (options.frequencyPenalty() != null) {
            config.put("frequencyPenalty", options.frequencyPenalty());
        }
        if (options.seed() != null) {
            config.put("seed", options.seed());
        }
        ResponseFormat format = options.responseFormat();
        if (format != null) {
            responseFormat(config, format, compat);
        }
        ThinkingLevel requested = options.reasoning();
        // no level asked for means no thinking field at all: the model's own default applies
        if (requested != null && spec.reasoning()) {
            config.set("thinkingConfig", ThinkingConfig.of(spec.clampThinking(requested),
                    spec.thinkingLevelMap(), options.thinkingBudgets(),
                    compat.thinkingLevels()));
        }
        return config.isEmpty() ? null : config;
    }

    private static void responseFormat(ObjectNode config, ResponseFormat format,
            GeminiCompat compat) {
        switch (format.type()) {
            case TEXT -> config.put("responseMimeType", "text/plain");
            case JSON_OBJECT -> config.put("responseMimeType", "application/json");
            case JSON_SCHEMA -> {
                config.put("responseMimeType", "application/json");
                if (compat.openApiSchemas()) {
                    config.set("responseSchema",
                            OpenApiSchema.convert(GeminiJson.tree(format.schema())));
                } else {
                    config.set("responseJsonSchema", GeminiJson.tree(format.schema()));
                }
            }
        }
    }
}
