package dev.providers.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a chat-completions request body into a {@link SentRequest}: {@code system} and
 * {@code developer} messages make the system prompt; user content parts, assistant text,
 * reasoning fields and {@code tool_calls}, and {@code role: tool} results make the turns
 * (docs/dialects/openai-completions.md §3).
 *
 * <p>Thread-safety: stateless.
 */
final class ChatCompletionsRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChatCompletionsRequests() { }

    /**
     * Returns the body as JSON.
     *
     * @throws AssertionError if it is not a JSON object
     */
    static JsonNode body(WireExchange exchange) {
        JsonNode body;
        try {
            body = MAPPER.readTree(exchange.requestBody());
        } catch (IOException e) {
            throw new AssertionError("the request body is not JSON: " + e.getMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new AssertionError("the request body is not a JSON object");
        }
        return body;
    }

    /**
     * Reads the request of an exchange.
     *
     * @throws AssertionError if the body is not a JSON object
     */
    static SentRequest read(WireExchange exchange) {
        JsonNode body = body(exchange);
        List<String> system = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> system.add(text(message.path("content")));
                case "assistant" -> messages.add(assistant(message));
                case "tool" -> messages.add(new Message(Role.TOOL, List.of(new ToolResult(
                        message.path("tool_call_id").asText(), text(message.path("content")),
                        images(message.path("content"))))));
                default -> messages.add(new Message(Role.USER, user(message.path("content"))));
            }
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            JsonNode function = tool.has("function") ? tool.path("function") : tool;
            tools.add(new Tool(function.path("name").asText(), function.path("parameters")));
        }
        List<String> stop = new ArrayList<>();
        JsonNode stops = body.path("stop");
        if (stops.isTextual()) {
            stop.add(stops.asText());
        } else {
            stops.forEach(s -> stop.add(s.asText()));
        }
        JsonNode limit = body.has("max_completion_tokens") ? body.path("max_completion_tokens")
                : body.path("max_tokens");
        return new SentRequest(body.path("model").isTextual() ? body.path("model").asText()
                : null, body.path("stream").asBoolean(false),
                body.at("/stream_options/include_usage").asBoolean(false),
                system.isEmpty() ? null : String.join("\n\n", system), messages, tools,
                toolChoice(body.path("tool_choice")),
                limit.isNumber() ? limit.asInt() : null, stop);
    }

    private static Message assistant(JsonNode message) {
        List<Part> parts = new ArrayList<>();
        for (String field : ChatCompletionsChunks.REASONING_FIELDS) {
            if (message.path(field).isTextual()) {
                parts.add(new Thinking(field, message.path(field).asText()));
            }
        }
        String text = text(message.path("content"));
        if (!text.isEmpty()) {
            parts.add(new Text(text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode arguments = call.at("/function/arguments");
            parts.add(new ToolCall(call.path("id").asText(), call.at("/function/name").asText(),
                    arguments.isTextual() ? arguments.asText() : arguments.toString()));
        }
        return new Message(Role.ASSISTANT, parts);
    }

    private static List<Part> user(JsonNode content) {
        List<Part> parts = new ArrayList<>();
        if (content.isTextual()) {
            parts.add(new Text(content.asText()));
            return parts;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> parts.add(new Text(part.path("text").asText()));
                case "image_url" -> parts.add(image(part));
                default -> { }
            }
        }
        return parts;
    }

    /** Returns a content's text: the string, or its text parts joined. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                out.append(part.path("text").asText());
            }
        }
        return out.toString();
    }

    private static List<Image> images(JsonNode content) {
        List<Image> out = new ArrayList<>();
        for (JsonNode part : content) {
            if ("image_url".equals(part.path("type").asText())) {
                out.add(image(part));
            }
        }
        return out;
    }

    /** Reads an {@code image_url} part: a data URL gives its type and data, else the URL. */
    private static Image image(JsonNode part) {
        JsonNode url = part.path("image_url");
        return DataUrls.image(url.isTextual() ? url.asText() : url.path("url").asText());
    }

    private static @Nullable ToolChoice toolChoice(JsonNode choice) {
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> null;
            };
        }
        String name = choice.at("/function/name").asText("");
        return name.isEmpty() ? null : ToolChoice.function(name);
    }
}
