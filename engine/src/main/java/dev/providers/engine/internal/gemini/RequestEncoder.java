package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.internal.stream.Surrogates;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Message;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spi.History;
import dev.providers.engine.spi.ToolCallIdFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code streamGenerateContent} body for a model, a context and options
 * ({@code docs/dialects/google-generative-ai.md} §3): {@code systemInstruction},
 * {@code contents}, {@code tools}, {@code toolConfig}, {@code generationConfig}, then the
 * caller's extra fields, and lone surrogates stripped from every string last.
 *
 * <p>A pure function of its inputs: no clock, environment or I/O. Thread-safety: stateless.
 */
final class RequestEncoder {

    /** The ids Gemini takes back: the engine's default shape ({@code [A-Za-z0-9_-]{1,40}}). */
    static final ToolCallIdFormat IDS = ToolCallIdFormat.DEFAULT;

    private RequestEncoder() { }

    /**
     * A body as built.
     *
     * @param body the JSON body
     * @param maxOutputTokens the output limit in the body, or null
     * @param estimatedPromptTokens the prompt-size estimate
     */
    record Encoded(ObjectNode body, @Nullable Integer maxOutputTokens,
            int estimatedPromptTokens) { }

    /**
     * Returns the body.
     *
     * @throws IllegalArgumentException if there would be nothing to send (no message is replayed)
     */
    static Encoded encode(ResolvedModel model, GeminiCompat compat, Context context,
            StreamOptions options) {
        ModelSpec spec = model.model();
        List<Message> history = History.prepare(context.messages(), model, IDS);
        ArrayNode contents = new Contents(compat).convert(history);
        if (contents.isEmpty()) {
            // Gemini answers 400 "contents is not specified"; say why locally
            throw new IllegalArgumentException("there is no message to send: the context has no "
                    + "message that is replayed (it is empty, or holds only failed or empty "
                    + "turns); Gemini needs at least one content");
        }
        ObjectNode system = null;
        String prompt = context.systemPrompt();
        if (prompt != null && !prompt.isEmpty()) {
            system = GeminiJson.object();
            system.putArray("parts").addObject().put("text", prompt);
        }
        ArrayNode tools = context.tools().isEmpty() ? null
                : ToolDeclarations.tools(context.tools(), compat);
        int estimate = TokenEstimate.estimate(system, contents, tools);
        Integer limit = OutputLimit.resolve(options.maxTokens(), spec.maxTokens(),
                spec.contextWindow(), estimate);

        ObjectNode body = GeminiJson.object();
        if (system != null) {
            body.set("systemInstruction", system);
        }
        body.set("contents", contents);
        if (tools != null) {
            body.set("tools", tools);
            if (options.toolChoice() != null) {
                body.set("toolConfig", ToolDeclarations.config(options.toolChoice()));
            }
        }
        ObjectNode generation = GenerationConfig.of(options, spec, limit, compat);
        if (generation != null) {
            body.set("generationConfig", generation);
        }
        extraFields(body, options.extraBody());
        // last, so that no string from any source (extra fields included) escapes the pass
        Surrogates.stripTree(body);
        JsonNode sent = body.path("generationConfig").path("maxOutputTokens");
        return new Encoded(body, sent.canConvertToInt() ? sent.intValue() : null, estimate);
    }

    /** Merges the caller's extra top-level fields; a null value removes the field. */
    private static void extraFields(ObjectNode body, Map<String, @Nullable Object> extra) {
        extra.forEach((field, value) -> {
            if (value == null) {
                body.remove(field);
            } else {
                body.set(field, GeminiJson.tree(value));
            }
        });
    }
}
