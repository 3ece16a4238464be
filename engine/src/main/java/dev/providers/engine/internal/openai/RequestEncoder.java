package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.internal.stream.Surrogates;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.Tool;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ThinkingLevel;
import dev.providers.engine.spi.History;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code openai-completions} request for a model, a context and options: the body in
 * the construction order of
 * {@code docs/dialects/openai-completions.md} §3.1, every compat flag of §3.2, the
 * replay rules of §3.3 and the thinking formats of §4.
 *
 * <p>A pure function of its inputs: no clock, environment or I/O. Thread-safety: stateless.
 */
public final class RequestEncoder {

    /** The dialect this encoder speaks. */
    public static final String API = "openai-completions";

    private RequestEncoder() { }

    /**
     * Returns the encoded request.
     *
     * @throws IllegalArgumentException if the model speaks another dialect, a compat value is
     *     outside its schema (possible only for specs built in code), the session id holds a
     *     control character while affinity headers are on, or there would be no message to
     *     send (no system prompt and nothing in the history that is replayed)
     */
    public static EncodedRequest encode(ResolvedModel model, Context context,
            StreamOptions options) {
        if (!API.equals(model.api())) {
            throw new IllegalArgumentException(model.ref() + " speaks " + model.api()
                    + "; this encoder speaks " + API);
        }
        return encode(model, CompatFlags.of(model.compat()), context, options);
    }

    /** Returns the encoded request, with the model's flags already read. */
    static EncodedRequest encode(ResolvedModel model, CompatFlags compat, Context context,
            StreamOptions options) {
        ModelSpec spec = model.model();

        List<Message> history = History.prepare(context.messages(), model,
                compat.toolCallIdFormat());
        DeferredTools deferred = DeferredTools.of(compat.kimiDeferredTools(), context.tools(),
                history);
        ArrayNode messages = new MessageConverter(compat, spec.reasoning(), spec.acceptsImages(),
                deferred).convert(context.systemPrompt(), history);
        messages = MessageShapes.apply(messages, compat);
        if (messages.isEmpty()) {
            // every server rejects an empty array (OpenAI: 400 empty_array); say why locally
            throw new IllegalArgumentException("there is no message to send: the context has no "
                    + "system prompt and no message that is replayed (it is empty, or holds "
                    + "only failed or empty assistant turns); chat-completions servers reject "
                    + "an empty 'messages' array");
        }
        ArrayNode tools = tools(deferred.topLevel(), messages, compat);

        int estimate = TokenEstimate.estimate(messages, tools);
        ObjectNode marker = compat.anthropicCacheControl()
                ? CacheMarkers.marker(options.cacheRetention(), compat.supportsLongCacheRetention())
                : null;
        if (marker != null) {
            CacheMarkers.apply(messages, tools, marker);
        }
        Integer maxTokens = MaxTokens.resolve(options.maxTokens(), spec.maxTokens(),
                spec.contextWindow(), estimate);

        ObjectNode body = WireJson.object();
        body.put("model", spec.id());
        body.set("messages", messages);
        body.put("stream", true);
        if (compat.supportsUsageInStreaming()) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (compat.supportsStore()) {
            body.put("store", false);
        }
        if (maxTokens != null) {
            body.put(compat.maxTokensField(), maxTokens);
        }
        SamplingParams.write(body, options);
        if (tools != null) {
            body.set("tools", tools);
            if (compat.zaiToolStream() && !tools.isEmpty()) {
                body.put("tool_stream", true);
            }
        }
        if (options.toolChoice() != null) {
            body.set("tool_choice", ToolConverter.choice(options.toolChoice()));
        }
        writeThinking(body, spec, compat, options, maxTokens);
        PromptCache.write(body, compat, options);
        Routing.write(body, compat);
        BodyOverrides.apply(body, options.extraBody(), compat.omitFields());
        // last, so that no string from any source (extra fields included) escapes the pass
        Surrogates.stripTree(body);

        Map<String, String> headers = SessionAffinity.headers(compat, options);
        // what the server sees: extra fields may have replaced the limit, omitFields dropped it
        JsonNode sent = body.path(compat.maxTokensField());
        return new EncodedRequest(body, headers, sent.canConvertToInt() ? sent.intValue() : null,
                estimate);
    }

    /**
     * Returns the {@code tools} array: the tools when there are any; with
     * {@code requiresToolsWithToolHistory}, an empty array when the history holds tool calls or
     * results (LiteLLM and Anthropic proxies require the key then); else null for no key at all,
     * since OpenAI rejects an empty array.
     */
    private static @Nullable ArrayNode tools(List<Tool> tools, ArrayNode messages,
            CompatFlags compat) {
        if (!tools.isEmpty()) {
            return ToolConverter.tools(tools, compat);
        }
        if (!compat.requiresToolsWithToolHistory()) {
            return null;
        }
        for (JsonNode message : messages) {
            if (message.has("tool_calls") || WireJson.role(message).equals("tool")) {
                return WireJson.array();
            }
        }
        return null;
    }

    /** Writes the thinking fields and the budget; nothing without a level or for non-reasoners. */
    private static void writeThinking(ObjectNode body, ModelSpec spec, CompatFlags compat,
            StreamOptions options, @Nullable Integer maxTokens) {
        ThinkingLevel requested = options.reasoning();
        // (ours) no level requested means no thinking field at all, not an explicit "off"
        if (requested == null || !spec.reasoning()) {
            return;
        }
        ThinkingLevel level = spec.clampThinking(requested);
        ThinkingParams.write(body, level, spec.thinkingLevelMap(), compat);
        if (compat.supportsThinkingTokenBudget()) {
            Integer ceiling = maxTokens != null ? maxTokens : spec.maxTokens();
            Integer budget = ThinkingBudget.resolve(level, options.thinkingBudgets(), ceiling);
            if (budget != null) {
                body.put("thinking_token_budget", budget);
            }
        }
    }
}
