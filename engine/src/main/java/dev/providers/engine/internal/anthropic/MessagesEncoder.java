package dev.providers.engine.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.internal.stream.Surrogates;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.Tool;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spi.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code POST {baseUrl}/messages} request for a model, a context and options
 * (docs/dialects/anthropic-messages.md §3): the body in this order, each field only when it has
 * a value: {@code model}, {@code system}, {@code messages}, {@code max_tokens} (always),
 * {@code stream: true}, {@code stop_sequences}, {@code temperature} (never while thinking),
 * {@code top_p}, {@code metadata.user_id}, {@code tools}, {@code tool_choice},
 * {@code thinking}, {@code output_config}; then the caller's extra fields, then
 * {@code omitFields}; lone surrogates are stripped last. Headers: {@code anthropic-version} and
 * {@code anthropic-beta}.
 *
 * <p>Not sent, having no Messages field: frequency and presence penalties, the seed, the response
 * format, and a tool's {@code strict} and grammar.
 *
 * <p>A pure function of its inputs: no clock, environment or I/O. Thread-safety: stateless.
 */
final class MessagesEncoder {

    /** The API version every request names. */
    static final String VERSION = "2023-06-01";

    /** The output limit when neither the call nor the model sets one. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** The largest safety margin kept below the context window for the prompt estimate. */
    static final int MAX_MARGIN = 4096;

    /** The characters an image counts for in the prompt estimate. */
    static final int IMAGE_CHARS = 4800;

    private MessagesEncoder() { }

    /**
     * A request as built: the body (a fresh tree), the headers, the limit sent and the prompt
     * estimate.
     */
    record Encoded(ObjectNode body, Map<String, String> headers, @Nullable Integer maxTokens,
            int estimatedPromptTokens) {

        /** Copies the headers. */
        Encoded {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Returns the encoded request.
     *
     * @throws IllegalArgumentException when there is no message to send, or the thinking level
     *     cannot be sent (see {@link ThinkingConfig})
     */
    static Encoded encode(ResolvedModel model, AnthropicCompat compat, Context context,
            StreamOptions options) {
        ModelSpec spec = model.model();
        List<Message> history = History.prepare(context.messages(), model, compat.toolCallIds());
        ArrayNode messages = HistoryConverter.convert(history, compat);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("there is no message to send: the context has no "
                    + "message with content that is replayed (it is empty, or holds only empty "
                    + "or failed turns); the Messages API needs at least one");
        }
        ArrayNode system = system(context.systemPrompt());
        ToolChoice choice = options.toolChoice();
        boolean dropTools = choice != null && choice.mode() == ToolChoice.Mode.NONE
                && !compat.toolChoiceNone();
        ArrayNode tools = context.tools().isEmpty() || dropTools ? null : tools(context.tools());
        int estimate = estimate(system, messages, tools);
        ObjectNode marker = CacheBreakpoints.marker(options.cacheRetention(), compat);
        if (marker != null) {
            CacheBreakpoints.apply(marker, system, tools, messages);
        }
        int maxTokens = maxTokens(options.maxTokens(), spec.maxTokens(), spec.contextWindow(),
                estimate);

        ObjectNode body = WireJson.object();
        body.put("model", spec.id());
        if (system != null) {
            body.set("system", system);
        }
        body.set("messages", messages);
        body.put("max_tokens", maxTokens);
        body.put("stream", true);
        ObjectNode thinking = WireJson.object();
        boolean thinks = ThinkingConfig.write(thinking, spec, compat, options.reasoning(),
                options.thinkingBudgets(), choice, maxTokens);
        if (!options.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            options.stop().forEach(stop::add);
        }
        if (options.temperature() != null && !thinks) {
            body.put("temperature", options.temperature());
        }
        if (options.topP() != null) {
            body.put("top_p", options.topP());
        }
        String session = options.sessionId();
        if (session != null && !session.isEmpty()) {
            body.putObject("metadata").put("user_id", session);
        }
        if (tools != null) {
            body.set("tools", tools);
            if (choice != null) {
                body.set("tool_choice", toolChoice(choice));
            }
        }
        body.setAll(thinking);
        options.extraBody().forEach((field, value) -> {
            if (value == null) {
                body.remove(field);
            } else {
                body.set(field, WireJson.tree(value));
            }
        });
        compat.omitFields().forEach(body::remove);
        Surrogates.stripTree(body);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", VERSION);
        if (!compat.betaFeatures().isEmpty()) {
            headers.put("anthropic-beta", String.join(",", compat.betaFeatures()));
        }
        // what the server sees: extra fields may have replaced the limit, omitFields dropped it
        JsonNode sent = body.path("max_tokens");
        return new Encoded(body, headers, sent.canConvertToInt() ? sent.intValue() : null,
                estimate);
    }

    private static @Nullable ArrayNode system(@Nullable String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return null;
        }
        ArrayNode system = WireJson.array();
        system.addObject().put("type", "text").put("text", prompt);
        return system;
    }

    private static ArrayNode tools(List<Tool> tools) {
        ArrayNode out = WireJson.array();
        for (Tool tool : tools) {
            ObjectNode wire = out.addObject();
            wire.put("name", tool.name());
            wire.put("description", tool.description());
            ObjectNode schema = WireJson.object();
            if (!tool.parameters().containsKey("type")) {
                schema.put("type", "object"); // Anthropic requires an object schema
            }
            schema.setAll((ObjectNode) WireJson.tree(tool.parameters()));
            wire.set("input_schema", schema);
        }
        return out;
    }

    private static ObjectNode toolChoice(ToolChoice choice) {
        ObjectNode out = WireJson.object();
        return switch (choice.mode()) {
            case AUTO -> out.put("type", "auto");
            case REQUIRED -> out.put("type", "any");
            case NONE -> out.put("type", "none");
            case FUNCTION -> out.put("type", "tool").put("name", choice.function());
        };
    }

    /**
     * Returns the output limit: the caller's, else the model's {@code maxTokens} (4096 when it
     * declares none), cut to what the context window leaves after the estimated prompt and a
     * margin of {@code min(4096, window / 4)} (ours: Anthropic refuses a request whose prompt
     * and limit together exceed the window), but never below 1.
     */
    static int maxTokens(@Nullable Integer requested, @Nullable Integer modelMax,
            @Nullable Integer contextWindow, int estimatedPromptTokens) {
        if (requested != null) {
            return requested;
        }
        int base = modelMax != null ? modelMax : DEFAULT_MAX_TOKENS;
        if (contextWindow == null) {
            return base;
        }
        long margin = Math.min(MAX_MARGIN, contextWindow / 4);
        long room = Math.max(1L, (long) contextWindow - estimatedPromptTokens - margin);
        return (int) Math.min(base, room);
    }

    /**
     * Returns the prompt estimate, pi-ai's rule: characters / 4, rounded up, over the system
     * text, every text, thinking, tool input and tool result, 4800 characters per image, and the
     * tool definitions as JSON.
     */
    static int estimate(@Nullable ArrayNode system, ArrayNode messages,
            @Nullable ArrayNode tools) {
        long chars = blockChars(system);
        for (JsonNode turn : messages) {
            chars += blockChars(turn.path("content"));
        }
        if (tools != null) {
            chars += WireJson.text(tools).length();
        }
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4);
    }

    private static long blockChars(@Nullable JsonNode blocks) {
        long chars = 0;
        if (blocks == null) {
            return chars;
        }
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "image" -> chars += IMAGE_CHARS;
                case "thinking" -> chars += block.path("thinking").asText("").length();
                case "tool_use" -> chars += block.path("name").asText("").length()
                        + WireJson.text(block.path("input")).length();
                case "tool_result" -> chars += blockChars(block.path("content"));
                default -> chars += block.path("text").asText("").length();
            }
        }
        return chars;
    }
}
