package dev.providers.engine.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserContent;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts a prepared history ({@code History.prepare}: failed turns out, orphaned calls
 * answered, other models' thinking already text, ids normalised) to the {@code messages} array
 * (docs/dialects/anthropic-messages.md §3.2).
 *
 * <ul>
 *   <li>User text and base64 images become {@code text} and {@code image} blocks; consecutive
 *       tool results become {@code tool_result} blocks of one user turn, their images inside
 *       (or, without {@code supportsImagesInToolResults}, after every result of the batch,
 *       behind the text {@value #IMAGES_INTRO}).
 *   <li>Assistant turns keep their blocks in order: signed thinking as {@code thinking} with its
 *       signature, redacted thinking as {@code redacted_thinking} with its data, unsigned
 *       thinking as text (or as unsigned {@code thinking} where
 *       {@code requiresThinkingSignature} is false), text, {@code tool_use}.
 *   <li>Blank text and blank unsigned thinking are left out (Anthropic refuses text blocks
 *       without non-whitespace text); a turn left without blocks is left out.
 *   <li>Roles alternate strictly: a turn of the same role as the one before is merged into it,
 *       never dropped, so tool results and the user's next words share one user turn, results
 *       first.
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
final class HistoryConverter {

    private HistoryConverter() { }

    /** The text before a batch's images where tool results cannot carry them. */
    static final String IMAGES_INTRO = "Attached image(s) from tool result:";

    /** Returns the messages array of a prepared history. */
    static ArrayNode convert(List<Message> history, AnthropicCompat compat) {
        ArrayNode out = WireJson.array();
        int i = 0;
        while (i < history.size()) {
            Message message = history.get(i);
            if (message instanceof UserMessage user) {
                append(out, "user", userBlocks(user.content()));
                i++;
            } else if (message instanceof AssistantMessage assistant) {
                append(out, "assistant", assistantBlocks(assistant, compat));
                i++;
            } else {
                ArrayNode results = WireJson.array();
                ArrayNode images = WireJson.array();
                while (i < history.size() && history.get(i) instanceof ToolResultMessage r) {
                    results.add(toolResult(r, compat.imagesInToolResults() ? null : images));
                    i++;
                }
                if (!images.isEmpty()) {
                    // after every result: Anthropic wants tool_result blocks first in a turn
                    results.add(text(IMAGES_INTRO));
                    results.addAll(images);
                }
                append(out, "user", results);
            }
        }
        return out;
    }

    /** Adds a turn, or merges its blocks into the last turn when that has the same role. */
    private static void append(ArrayNode out, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!out.isEmpty() && role.equals(out.get(out.size() - 1).path("role").asText())) {
            ((ArrayNode) out.get(out.size() - 1).get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = out.addObject();
        turn.put("role", role);
        turn.set("content", blocks);
    }

    private static ArrayNode userBlocks(List<UserContent> content) {
        ArrayNode blocks = WireJson.array();
        for (UserContent part : content) {
            if (part instanceof TextContent text) {
                if (!text.text().isBlank()) {
                    blocks.add(text(text.text()));
                }
            } else if (part instanceof ImageContent image) {
                blocks.add(image(image));
            }
        }
        return blocks;
    }

    /**
     * Returns the {@code tool_result} block of a result; with {@code imagesOut} its images go
     * there instead of into the block.
     */
    private static ObjectNode toolResult(ToolResultMessage result,
            @Nullable ArrayNode imagesOut) {
        ObjectNode block = WireJson.block("tool_result");
        block.put("tool_use_id", result.toolCallId());
        ArrayNode content = WireJson.array();
        for (JsonNode part : userBlocks(result.content())) {
            if (imagesOut != null && "image".equals(part.path("type").asText())) {
                imagesOut.add(part);
            } else {
                content.add(part);
            }
        }
        if (!content.isEmpty()) {
            block.set("content", content);
        }
        block.put("is_error", result.isError());
        return block;
    }

    private static ArrayNode assistantBlocks(AssistantMessage message, AnthropicCompat compat) {
        ArrayNode blocks = WireJson.array();
        for (AssistantContent part : message.content()) {
            if (part instanceof TextContent text) {
                if (!text.text().isBlank()) {
                    blocks.add(text(text.text()));
                }
            } else if (part instanceof ThinkingContent thinking) {
                ObjectNode block = thinking(thinking, compat);
                if (block != null) {
                    blocks.add(block);
                }
            } else if (part instanceof ToolCall call) {
                ObjectNode block = WireJson.block("tool_use");
                block.put("id", call.id());
                block.put("name", call.name());
                block.set("input", WireJson.tree(call.arguments()));
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** Returns the replayed form of this model's own thinking, or null when it is not sent. */
    private static @Nullable ObjectNode thinking(ThinkingContent thinking,
            AnthropicCompat compat) {
        String signature = thinking.signature();
        boolean signed = signature != null && !signature.isBlank();
        if (thinking.redacted()) {
            // opaque data the server encrypted; without it there is nothing to send
            return signed ? WireJson.block("redacted_thinking").put("data", signature) : null;
        }
        if (signed) {
            // an empty text with a signature is a thinking block whose display was omitted
            return WireJson.block("thinking").put("thinking", thinking.thinking())
                    .put("signature", signature);
        }
        if (thinking.thinking().isBlank()) {
            return null;
        }
        return compat.requiresThinkingSignature() ? text(thinking.thinking())
                : WireJson.block("thinking").put("thinking", thinking.thinking());
    }

    private static ObjectNode text(String text) {
        return WireJson.block("text").put("text", text);
    }

    private static ObjectNode image(ImageContent image) {
        ObjectNode block = WireJson.block("image");
        block.putObject("source").put("type", "base64").put("media_type", image.mimeType())
                .put("data", image.data());
        return block;
    }
}
