package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserContent;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts tool results to {@code role: tool} messages
 * ({@code docs/dialects/openai-completions.md} §3.3 "Tool
 * results", flag {@code requiresToolResultName}). {@code isError} has no wire form and is not
 * sent.
 *
 * <p>Thread-safety: stateless.
 */
final class ToolResultConverter {

    /** Sent when a result has only images. */
    static final String SEE_IMAGE = "(see attached image)";

    /** Sent when a result is empty or only whitespace. */
    static final String NO_OUTPUT = "(no tool output)";

    /** The text that opens the user message carrying a batch's images on vision models. */
    static final String IMAGES_INTRO = "Attached image(s) from tool result:";

    private ToolResultConverter() { }

    /** Returns the {@code role: tool} message of one result. */
    static ObjectNode convert(ToolResultMessage result, boolean withName) {
        List<String> texts = new ArrayList<>();
        boolean images = false;
        for (UserContent block : result.content()) {
            if (block instanceof TextContent text) {
                texts.add(text.text());
            } else {
                images = true;
            }
        }
        String text = String.join("\n", texts);
        ObjectNode out = WireJson.object();
        out.put("role", "tool");
        out.put("tool_call_id", result.toolCallId());
        // (ours) whitespace-only output counts as none (later pi-ai, issue #8720)
        out.put("content", !text.isBlank() ? text : images ? SEE_IMAGE : NO_OUTPUT);
        if (withName) {
            out.put("name", result.toolName());
        }
        return out;
    }

    /** Returns the images of a batch, in order. */
    static List<ImageContent> images(List<ToolResultMessage> batch) {
        List<ImageContent> out = new ArrayList<>();
        for (ToolResultMessage result : batch) {
            for (UserContent block : result.content()) {
                if (block instanceof ImageContent image) {
                    out.add(image);
                }
            }
        }
        return out;
    }

    /** Returns the user message that carries a batch's images after its tool messages. */
    static ObjectNode imageMessage(List<ImageContent> images) {
        ObjectNode out = WireJson.object();
        out.put("role", "user");
        ArrayNode parts = out.putArray("content");
        parts.add(WireJson.textPart(IMAGES_INTRO));
        images.forEach(image -> parts.add(UserContentConverter.imagePart(image)));
        return out;
    }
}
