package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.internal.stream.Surrogates;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Converts one replayed assistant turn
 * ({@code docs/dialects/openai-completions.md} §3.3 "Assistant", flags
 * {@code requiresThinkingAsText}, {@code reasoningReplayField},
 * {@code requiresReasoningContentOnAssistantMessages}, {@code requiresAssistantAfterToolResult}).
 *
 * <p>Text blocks that are blank are left out, as pi-ai does; the others are concatenated without
 * a separator into a string, never an array, because some servers echo arrays back. Thinking
 * (only this model's own: the history transforms has turned other models' into text) goes under
 * the field {@code reasoningReplayField} names; with {@code auto}, the field its signature
 * names, with {@code reasoning_content} for an unsigned or unknown signature; several blocks
 * joined by {@code "\n"}. With {@code omit} it is not sent. Redacted thinking has no wire form
 * in this dialect and is not sent.
 *
 * <p>Thread-safety: stateless.
 */
final class AssistantConverter {

    /** The default reasoning field, and the one {@code requiresReasoning…} fills. */
    static final String REASONING_CONTENT = "reasoning_content";

    private static final Set<String> REASONING_FIELDS =
            Set.of(REASONING_CONTENT, "reasoning", "reasoning_text");

    private final CompatFlags compat;
    private final boolean reasoningModel;

    AssistantConverter(CompatFlags compat, boolean reasoningModel) {
        this.compat = compat;
        this.reasoningModel = reasoningModel;
    }

    /** Returns the wire message, or null when the turn has no content and no calls. */
    @Nullable ObjectNode convert(AssistantMessage message) {
        List<String> texts = new ArrayList<>();
        List<ThinkingContent> thinking = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (AssistantContent block : message.content()) {
            if (block instanceof TextContent text && !text.text().isBlank()) {
                texts.add(text.text());
            } else if (block instanceof ThinkingContent think && !think.redacted()
                    && !think.thinking().isBlank()) {
                thinking.add(think);
            } else if (block instanceof ToolCall call) {
                calls.add(call);
            }
        }
        ObjectNode out = WireJson.object();
        out.put("role", "assistant");
        if (compat.requiresThinkingAsText() && !thinking.isEmpty()) {
            ArrayNode parts = out.putArray("content");
            parts.add(WireJson.textPart(join(thinking, "\n\n")));
            texts.forEach(text -> parts.add(WireJson.textPart(text)));
        } else if (!texts.isEmpty()) {
            out.put("content", String.join("", texts));
        } else if (compat.requiresAssistantAfterToolResult()) {
            // servers with this quirk (Mistral) also reject a null content
            out.put("content", "");
        } else {
            out.putNull("content");
        }
        String field = thinking.isEmpty() || compat.requiresThinkingAsText() ? null
                : replayField(thinking.get(0).signature());
        if (field != null) {
            out.put(field, join(thinking, "\n"));
        }
        if (compat.requiresReasoningContentOnAssistantMessages() && reasoningModel
                && !out.has(REASONING_CONTENT)) {
            out.put(REASONING_CONTENT, "");
        }
        if (!calls.isEmpty()) {
            out.set("tool_calls", toolCalls(calls));
            ArrayNode details = reasoningDetails(calls);
            if (!details.isEmpty()) {
                out.set("reasoning_details", details);
            }
        }
        return hasContent(out.get("content")) || !calls.isEmpty() ? out : null;
    }

    private static boolean hasContent(JsonNode content) {
        return content.isTextual() ? !content.textValue().isEmpty()
                : content.isArray() && !content.isEmpty();
    }

    /** Returns the field that carries replayed thinking, or null when it is not sent. */
    private @Nullable String replayField(@Nullable String signature) {
        return switch (compat.reasoningReplayField()) {
            case "omit" -> null;
            // (ours) unsigned thinking (written by hand, or by a decoder that kept no field)
            // replays under the most widely read field
            case "auto" -> signature != null && REASONING_FIELDS.contains(signature)
                    ? signature : REASONING_CONTENT;
            case REASONING_CONTENT, "reasoning", "reasoning_text" -> compat.reasoningReplayField();
            default -> throw new IllegalArgumentException("compat.reasoningReplayField is '"
                    + compat.reasoningReplayField() + "'; known values: auto, "
                    + "reasoning_content, reasoning, reasoning_text, omit");
        };
    }

    private static String join(List<ThinkingContent> blocks, String separator) {
        List<String> texts = new ArrayList<>(blocks.size());
        blocks.forEach(block -> texts.add(block.thinking()));
        return String.join(separator, texts);
    }

    private static ArrayNode toolCalls(List<ToolCall> calls) {
        ArrayNode out = WireJson.array();
        for (ToolCall call : calls) {
            ObjectNode wire = out.addObject();
            wire.put("id", call.id());
            wire.put("type", "function");
            ObjectNode function = wire.putObject("function");
            function.put("name", call.name());
            JsonNode arguments = WireJson.tree(call.arguments());
            // stripped before serialising: the string form would hide a lone surrogate
            Surrogates.stripTree(arguments);
            function.put("arguments", WireJson.text(arguments));
        }
        return out;
    }

    /** Returns the parsed thought signatures (OpenRouter reasoning details) of the calls. */
    private static ArrayNode reasoningDetails(List<ToolCall> calls) {
        ArrayNode out = WireJson.array();
        for (ToolCall call : calls) {
            String signature = call.thoughtSignature();
            if (signature == null) {
                continue;
            }
            try {
                JsonNode detail = WireJson.MAPPER.readTree(signature);
                if (detail != null && detail.isObject()) {
                    out.add(detail);
                }
            } catch (JsonProcessingException e) {
                // an unparseable signature cannot be replayed as a detail; the call still is
                continue;
            }
        }
        return out;
    }
}
