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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Gemini {@code GenerateContentRequest} into a {@link SentRequest}
 * (docs/dialects/google-generative-ai.md §3): the model from the URL's path, the system
 * instruction, user and model contents with their parts (thoughts as thinking in the field
 * {@code thought}, function calls, function responses with the images that follow them), the
 * function declarations and the function-calling mode. A call without an id gets one here, and
 * a response without one is paired with the call of its name, in order, as the server pairs
 * them.
 *
 * <p>Thread-safety: stateless.
 */
final class GeminiRequests {

    /** The field a replayed thought goes in, as the suite names it. */
    static final String THOUGHT = "thought";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern MODEL = Pattern.compile(
            ".*/models/([^/:]+):(stream)?[gG]enerateContent$");

    private GeminiRequests() { }

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

    /** Returns the model the URL names, or null when the path is not Gemini's. */
    static @Nullable String model(WireExchange exchange) {
        Matcher m = MODEL.matcher(exchange.uri().getPath());
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Reads the request of an exchange.
     *
     * @throws AssertionError if the body is not a JSON object
     */
    static SentRequest read(WireExchange exchange) {
        JsonNode body = body(exchange);
        StringBuilder system = null;
        for (JsonNode part : body.path("systemInstruction").path("parts")) {
            system = system == null ? new StringBuilder() : system.append('\n');
            system.append(part.path("text").asText(""));
        }
        List<Message> messages = new ArrayList<>();
        List<ToolCall> open = new ArrayList<>();
        JsonNode contents = body.path("contents");
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if ("model".equals(content.path("role").asText())) {
                open = new ArrayList<>();
                messages.add(model(content, i, open));
            } else {
                messages.add(user(content, open));
                open = new ArrayList<>();
            }
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                tools.add(new Tool(declaration.path("name").asText(),
                        declaration.has("parametersJsonSchema")
                                ? declaration.path("parametersJsonSchema")
                                : declaration.path("parameters")));
            }
        }
        JsonNode generation = body.path("generationConfig");
        List<String> stop = new ArrayList<>();
        generation.path("stopSequences").forEach(s -> stop.add(s.asText()));
        JsonNode limit = generation.path("maxOutputTokens");
        String path = exchange.uri().getPath();
        return new SentRequest(model(exchange), path.endsWith(":streamGenerateContent"), true,
                system == null ? null : system.toString(), messages, tools,
                toolChoice(body.path("toolConfig").path("functionCallingConfig")),
                limit.isNumber() ? limit.asInt() : null, stop);
    }

    private static Message model(JsonNode content, int index, List<ToolCall> calls) {
        List<Part> parts = new ArrayList<>();
        for (JsonNode part : content.path("parts")) {
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                String id = call.path("id").asText("");
                ToolCall made = new ToolCall(id.isEmpty() ? "call_" + index + "_" + calls.size()
                        : id, call.path("name").asText(), call.path("args").isObject()
                        ? call.path("args").toString() : "{}");
                calls.add(made);
                parts.add(made);
            } else if (part.path("thought").asBoolean(false)) {
                parts.add(new Thinking(THOUGHT, part.path("text").asText("")));
            } else if (part.has("text")) {
                parts.add(new Text(part.path("text").asText("")));
            }
        }
        return new Message(Role.ASSISTANT, parts);
    }

    /** Reads a user content; function responses take the images that follow them. */
    private static Message user(JsonNode content, List<ToolCall> calls) {
        List<Part> parts = new ArrayList<>();
        List<ToolCall> open = new ArrayList<>(calls);
        JsonNode list = content.path("parts");
        for (int i = 0; i < list.size(); i++) {
            JsonNode part = list.get(i);
            JsonNode response = part.path("functionResponse");
            if (response.isObject()) {
                List<Image> images = new ArrayList<>();
                while (i + 1 < list.size() && list.get(i + 1).has("inlineData")) {
                    images.add(image(list.get(++i).path("inlineData")));
                }
                parts.add(new ToolResult(pair(response, open), output(response.path("response")),
                        images));
            } else if (part.has("inlineData")) {
                parts.add(image(part.path("inlineData")));
            } else if (part.has("text")) {
                parts.add(new Text(part.path("text").asText("")));
            }
        }
        return new Message(Role.USER, parts);
    }

    /** Returns the id of the call a response answers: its own, else the next of its name. */
    private static String pair(JsonNode response, List<ToolCall> open) {
        String id = response.path("id").asText("");
        String name = response.path("name").asText("");
        for (int i = 0; i < open.size(); i++) {
            if (id.isEmpty() ? open.get(i).name().equals(name) : open.get(i).id().equals(id)) {
                return open.remove(i).id();
            }
        }
        return id;
    }

    private static String output(JsonNode response) {
        for (String field : List.of("output", "error")) {
            JsonNode value = response.get(field);
            if (value != null) {
                return value.isTextual() ? value.textValue() : value.toString();
            }
        }
        return "";
    }

    private static Image image(JsonNode blob) {
        return new Image(blob.path("mimeType").asText(null), blob.path("data").asText(""));
    }

    private static @Nullable ToolChoice toolChoice(JsonNode config) {
        if (config.isMissingNode()) {
            return null;
        }
        JsonNode allowed = config.path("allowedFunctionNames");
        return switch (config.path("mode").asText("")) {
            case "AUTO" -> ToolChoice.AUTO;
            case "NONE" -> ToolChoice.NONE;
            case "ANY" -> allowed.size() == 1 ? ToolChoice.function(allowed.get(0).asText())
                    : ToolChoice.REQUIRED;
            default -> null;
        };
    }
}
