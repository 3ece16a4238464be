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
 * Reads a Responses request body into a {@link SentRequest}
 * (docs/dialects/openai-responses.md §3): {@code instructions} and {@code system} or
 * {@code developer} messages make the system prompt; user messages with {@code input_text} and
 * {@code input_image} parts, runs of assistant-side items ({@code message}, {@code reasoning},
 * {@code function_call}) as one assistant turn each, and {@code function_call_output} items make
 * the turns. A reasoning item replays as thinking of kind {@value #REASONING}, with its summary
 * and content texts.
 *
 * <p>Thread-safety: stateless.
 */
final class ResponsesRequests {

    /** The field name a replayed reasoning item is reported under. */
    static final String REASONING = "reasoning";


    private ResponsesRequests() { }

    /**
     * Reads the request of an exchange.
     *
     * @throws AssertionError if the body is not a JSON object
     */
    static SentRequest read(WireExchange exchange) {
        JsonNode body = ChatCompletionsRequests.body(exchange);
        List<String> system = new ArrayList<>();
        if (body.path("instructions").isTextual()) {
            system.add(body.path("instructions").asText());
        }
        List<Message> messages = new ArrayList<>();
        List<Part> assistant = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            messages.add(new Message(Role.USER, List.of(new Text(input.asText()))));
        }
        for (JsonNode item : input) {
            String type = item.path("type").asText("message");
            String role = item.path("role").asText("");
            if (type.equals("reasoning") || type.equals("function_call")
                    || type.equals("message") && role.equals("assistant")) {
                assistant.add(assistantPart(item, type));
                continue;
            }
            flush(assistant, messages);
            if (type.equals("function_call_output")) {
                JsonNode output = item.path("output");
                messages.add(new Message(Role.TOOL, List.of(new ToolResult(
                        item.path("call_id").asText(), text(output), images(output)))));
            } else if (role.equals("system") || role.equals("developer")) {
                system.add(text(item.path("content")));
            } else {
                messages.add(new Message(Role.USER, user(item.path("content"))));
            }
        }
        flush(assistant, messages);
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tools.add(new Tool(tool.path("name").asText(), tool.path("parameters")));
        }
        List<String> stop = new ArrayList<>();
        JsonNode stops = body.path("stop");
        if (stops.isTextual()) {
            stop.add(stops.asText());
        } else {
            stops.forEach(s -> stop.add(s.asText()));
        }
        JsonNode limit = body.path("max_output_tokens");
        return new SentRequest(body.path("model").isTextual() ? body.path("model").asText()
                : null, body.path("stream").asBoolean(false), true,
                system.isEmpty() ? null : String.join("\n\n", system), messages, tools,
                toolChoice(body.path("tool_choice")), limit.isNumber() ? limit.asInt() : null,
                stop);
    }

    private static void flush(List<Part> assistant, List<Message> messages) {
        if (!assistant.isEmpty()) {
            messages.add(new Message(Role.ASSISTANT, assistant));
            assistant.clear();
        }
    }

    private static Part assistantPart(JsonNode item, String type) {
        return switch (type) {
            case "reasoning" -> new Thinking(REASONING, reasoningText(item));
            case "function_call" -> {
                JsonNode arguments = item.path("arguments");
                yield new ToolCall(item.path("call_id").asText(), item.path("name").asText(),
                        arguments.isTextual() ? arguments.asText() : arguments.toString());
            }
            default -> new Text(text(item.path("content")));
        };
    }

    /** Returns a reasoning item's summary and content texts, blank-line separated. */
    static String reasoningText(JsonNode item) {
        List<String> texts = new ArrayList<>();
        for (String field : new String[] {"summary", "content"}) {
            for (JsonNode part : item.path(field)) {
                if (!part.path("text").asText("").isEmpty()) {
                    texts.add(part.path("text").asText());
                }
            }
        }
        return String.join("\n\n", texts);
    }

    private static List<Part> user(JsonNode content) {
        List<Part> parts = new ArrayList<>();
        if (content.isTextual()) {
            parts.add(new Text(content.asText()));
            return parts;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "input_text", "output_text" -> parts.add(new Text(part.path("text")
                        .asText()));
                case "input_image" -> parts.add(image(part));
                default -> { }
            }
        }
        return parts;
    }

    /** Returns a content's or an output's text: the string, or its text parts joined. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            if (type.endsWith("text")) {
                out.append(part.path("text").asText());
            } else if (type.equals("refusal")) {
                out.append(part.path("refusal").asText());
            }
        }
        return out.toString();
    }

    private static List<Image> images(JsonNode content) {
        List<Image> out = new ArrayList<>();
        for (JsonNode part : content) {
            if ("input_image".equals(part.path("type").asText())) {
                out.add(image(part));
            }
        }
        return out;
    }

    /** Reads an {@code input_image} part: a data URL gives its type and data, else the URL. */
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
        String name = choice.path("name").asText("");
        return name.isEmpty() ? null : ToolChoice.function(name);
    }
}
