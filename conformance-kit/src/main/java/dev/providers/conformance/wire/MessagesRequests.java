package dev.providers.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.SentRequest.Image;
import dev.providers.conformance.api.SentRequest.Message;
import dev.providers.conformance.api.SentRequest.Part;
import dev.providers.conformance.api.SentRequest.Role;
import dev.providers.conformance.api.SentRequest.Text;
import dev.providers.conformance.api.SentRequest.Thinking;
import dev.providers.conformance.api.SentRequest.Tool;
import dev.providers.conformance.api.SentRequest.ToolCall;
import dev.providers.conformance.api.SentRequest.ToolResult;
import dev.providers.conformance.api.WireExchange;
import dev.providers.engine.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Messages request body into a {@link SentRequest} (docs/dialects/anthropic-messages.md
 * §3): the {@code system} blocks make the system prompt; user turns give text, images and
 * {@code tool_result} blocks (their text and images); assistant turns give replayed
 * {@code thinking} and {@code redacted_thinking} (under those names), text and {@code tool_use}.
 * A Messages stream always carries usage, so usage counts as requested.
 *
 * <p>Thread-safety: stateless.
 */
final class MessagesRequests {

    private MessagesRequests() { }

    /**
     * Reads the request of an exchange.
     *
     * @throws AssertionError if the body is not a JSON object
     */
    static SentRequest read(WireExchange exchange) {
        JsonNode body = ChatCompletionsRequests.body(exchange);
        List<Message> messages = new ArrayList<>();
        for (JsonNode turn : body.path("messages")) {
            boolean assistant = "assistant".equals(turn.path("role").asText());
            messages.add(new Message(assistant ? Role.ASSISTANT : Role.USER,
                    parts(turn.path("content"))));
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tools.add(new Tool(tool.path("name").asText(), tool.path("input_schema")));
        }
        List<String> stop = new ArrayList<>();
        body.path("stop_sequences").forEach(s -> stop.add(s.asText()));
        String system = text(body.path("system"));
        JsonNode limit = body.path("max_tokens");
        return new SentRequest(body.path("model").isTextual() ? body.path("model").asText()
                : null, body.path("stream").asBoolean(false), true,
                body.has("system") ? system : null, messages, tools,
                toolChoice(body.path("tool_choice")), limit.isNumber() ? limit.asInt() : null,
                stop);
    }

    /** Returns the parts of a content value: a string, or blocks in wire order. */
    private static List<Part> parts(JsonNode content) {
        List<Part> parts = new ArrayList<>();
        if (content.isTextual()) {
            parts.add(new Text(content.asText()));
            return parts;
        }
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> parts.add(new Text(block.path("text").asText()));
                case "image" -> parts.add(image(block));
                case "thinking" -> parts.add(new Thinking("thinking",
                        block.path("thinking").asText()));
                case "redacted_thinking" -> parts.add(new Thinking("redacted_thinking", ""));
                case "tool_use" -> parts.add(new ToolCall(block.path("id").asText(),
                        block.path("name").asText(), block.path("input").toString()));
                case "tool_result" -> parts.add(new ToolResult(
                        block.path("tool_use_id").asText(), text(block.path("content")),
                        images(block.path("content"))));
                default -> { }
            }
        }
        return parts;
    }

    /** Returns the text of a string or of the text blocks of an array, joined. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                out.append(block.path("text").asText());
            }
        }
        return out.toString();
    }

    private static List<Image> images(JsonNode content) {
        List<Image> out = new ArrayList<>();
        for (JsonNode block : content) {
            if ("image".equals(block.path("type").asText())) {
                out.add(image(block));
            }
        }
        return out;
    }

    /** Reads an image block: base64 gives its type and data, a URL source the URL. */
    private static Image image(JsonNode block) {
        JsonNode source = block.path("source");
        if ("base64".equals(source.path("type").asText())) {
            return new Image(source.path("media_type").asText(null),
                    source.path("data").asText());
        }
        return new Image(null, source.path("url").asText());
    }

    private static @Nullable ToolChoice toolChoice(JsonNode choice) {
        return switch (choice.path("type").asText("")) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> choice.path("name").asText("").isEmpty() ? null
                    : ToolChoice.function(choice.path("name").asText());
            default -> null;
        };
    }
}
