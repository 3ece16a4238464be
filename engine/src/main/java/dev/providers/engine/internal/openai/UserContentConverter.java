package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.UserContent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts user content blocks to the wire ({@code openai-compat.md} §3.3 "User").
 *
 * <p>A message of exactly one text block is sent as a plain string, the form of pi-ai's string
 * content (what {@code UserMessage.of(text)} builds) and the one every server accepts; anything
 * else is an array of {@code text} and {@code image_url} parts.
 *
 * <p>Thread-safety: stateless.
 */
final class UserContentConverter {

    private UserContentConverter() { }

    /** Returns the {@code content} value, or null for an empty list (the message is skipped). */
    static @Nullable JsonNode content(List<UserContent> content) {
        if (content.isEmpty()) {
            return null;
        }
        if (content.size() == 1 && content.get(0) instanceof TextContent text) {
            return TextNode.valueOf(text.text());
        }
        ArrayNode parts = WireJson.array();
        for (UserContent block : content) {
            parts.add(part(block));
        }
        return parts;
    }

    /** Returns one content part. */
    static ObjectNode part(UserContent block) {
        if (block instanceof ImageContent image) {
            return imagePart(image);
        }
        return WireJson.textPart(((TextContent) block).text());
    }

    /** Returns an {@code image_url} part carrying the image as a {@code data:} URL. */
    static ObjectNode imagePart(ImageContent image) {
        ObjectNode part = WireJson.object();
        part.put("type", "image_url");
        part.putObject("image_url").put("url",
                "data:" + image.mimeType() + ";base64," + image.data());
        return part;
    }
}
