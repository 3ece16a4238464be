package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.UserContent;
import java.util.List;

/**
 * Converts user content blocks to the wire
 * ({@code docs/dialects/openai-completions.md} §3.3 "User").
 *
 * <p>A message of exactly one text block is sent as a plain string, the form of pi-ai's string
 * content (what {@code UserMessage.of(text)} builds) and the one every server accepts; anything
 * else is an array of {@code text} and {@code image_url} parts.
 *
 * <p>(ours) A message with no blocks is sent as {@code ""}, exactly like
 * {@code UserMessage.of("")}, where pi-ai leaves it out. Leaving it out sent
 * {@code messages: []} for a lone empty message, which OpenAI answers with 400
 * {@code empty_array}, and inside a history it silently changed the conversation (a request
 * ending with an assistant turn is a prefill, and Mistral rejects it). An empty array is no
 * better: OpenAI documents a minimum of one part. The empty string is accepted by OpenAI,
 * vLLM, SGLang, llama.cpp, Ollama and the kit's demo server; servers that reject empty text
 * (Anthropic-backed proxies, Gemini) answer it with their own 400, as they do for
 * {@code UserMessage.of("")}.
 *
 * <p>Thread-safety: stateless.
 */
final class UserContentConverter {

    private UserContentConverter() { }

    /** Returns the {@code content} value: {@code ""} for no blocks (see the class note). */
    static JsonNode content(List<UserContent> content) {
        if (content.isEmpty()) {
            return TextNode.valueOf("");
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
