package dev.providers.conformance.reference;

import static dev.providers.conformance.reference.RequestParser.typeError;
import static dev.providers.conformance.reference.RequestParser.typeName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks one message of a request, role by role, and turns it into a {@link Msg}: its text, its
 * images (looked at on the way), its tool calls and replayed reasoning.
 */
final class MessageParser {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant",
            "tool", "function");

    private final Profile profile;
    private final String raw;
    private final ServedModel model;
    private final boolean thinking;
    private final int index;
    private final String at;
    private String role = "";

    MessageParser(Profile profile, String raw, ServedModel model, boolean thinking,
            int index) {
        this.profile = profile;
        this.raw = raw;
        this.model = model;
        this.thinking = thinking;
        this.index = index;
        this.at = "messages[" + index + "]";
    }

    Msg parse(JsonNode message) throws ApiError {
        if (!message.isObject()) {
            throw typeError(at, "an object", message);
        }
        JsonNode roleNode = message.get("role");
        if (roleNode == null || roleNode.isNull()) {
            throw ApiError.invalid("Missing required parameter: '" + at + ".role'.",
                    at + ".role", "missing_required_parameter");
        }
        role = roleNode.asText();
        checkRole(role);
        String name = message.path("name").isTextual() ? message.get("name").textValue()
                : null;
        return switch (role) {
            case "assistant" -> assistant(message, name);
            case "tool" -> tool(message, name);
            default -> plain(role, message, name);
        };
    }

    private void checkRole(String role) throws ApiError {
        if (profile.has(Quirk.DEEPSEEK_ROLES) && !Set.of("system", "user", "assistant",
                "tool").contains(role)) {
            // DeepSeek's serde error names the byte column where the value ended
            String token = "\"" + role + "\"";
            int column = raw.indexOf(token) + token.length();
            ObjectNode body = Json.object();
            ObjectNode error = body.putObject("error");
            error.put("message", "Failed to deserialize the JSON body into the target type: "
                    + at + ".role: unknown variant `" + role + "`, expected one of `system`, "
                    + "`user`, `assistant`, `tool` at line 1 column " + column);
            error.put("type", "invalid_request_error");
            error.putNull("param");
            error.put("code", "invalid_request_error");
            throw ApiError.of(400, body);
        }
        if (profile.has(Quirk.REJECT_DEVELOPER) && role.equals("developer")) {
            throw ApiError.invalid("Invalid value: 'developer'. Supported values are: "
                    + "'system', 'assistant', 'user', and 'tool'.", at + ".role",
                    "invalid_value");
        }
        if (!ROLES.contains(role)) {
            throw ApiError.invalid("Invalid value: '" + role + "'. Supported values are: "
                    + "'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                    at + ".role", "invalid_value");
        }
    }

    private Msg plain(String role, JsonNode message, @Nullable String name) throws ApiError {
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            throw ApiError.invalid("Missing required parameter: '" + at + ".content'.",
                    at + ".content", "missing_required_parameter");
        }
        List<ImageFacts> images = new ArrayList<>();
        String text = content(content, role.equals("user") ? images : null);
        return new Msg(role, text, images, List.of(), null, null, name);
    }

    private Msg assistant(JsonNode message, @Nullable String name) throws ApiError {
        List<Call> calls = calls(message.get("tool_calls"));
        JsonNode content = message.get("content");
        String text = "";
        if (content != null && !content.isNull()) {
            text = content(content, null);
        } else if (calls.isEmpty() && !message.has("function_call")) {
            throw ApiError.invalid("Invalid value for 'content': expected a string, got "
                    + "null.", "messages.[" + index + "].content", null);
        }
        String reasoning = null;
        for (String field : List.of("reasoning_content", "reasoning", "reasoning_text")) {
            if (reasoning == null && message.path(field).isTextual()) {
                reasoning = message.get(field).textValue();
            }
        }
        if (profile.has(Quirk.REQUIRE_REASONING_CONTENT) && thinking
                && !message.has("reasoning_content")) {
            ObjectNode body = Json.object();
            ObjectNode error = body.putObject("error");
            error.put("message", "Missing `reasoning_content` field in the assistant "
                    + "message at message index " + index + ". For more information, please "
                    + "refer to https://api-docs.deepseek.com/guides/thinking_mode#tool-calls");
            error.put("type", "invalid_request_error");
            error.putNull("param");
            error.put("code", "invalid_request_error");
            throw ApiError.of(400, body);
        }
        return new Msg("assistant", text, List.of(), calls, null, reasoning, name);
    }

    private Msg tool(JsonNode message, @Nullable String name) throws ApiError {
        JsonNode id = message.get("tool_call_id");
        if (id == null || !id.isTextual()) {
            throw ApiError.invalid("Missing required parameter: '" + at + ".tool_call_id'.",
                    at + ".tool_call_id", "missing_required_parameter");
        }
        if (name != null && profile.has(Quirk.GROQ_REJECTIONS)) {
            String path = "messages." + index;
            throw ApiError.openai(400, "'" + path + "' : for 'role:tool' the following must "
                    + "be satisfied[('" + path + ".name' : property 'name' is "
                    + "unsupported)]", "invalid_request_error", null, null);
        }
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            throw ApiError.invalid("Missing required parameter: '" + at + ".content'.",
                    at + ".content", "missing_required_parameter");
        }
        return new Msg("tool", content(content, null), List.of(), List.of(), id.textValue(),
                null, name);
    }

    private List<Call> calls(@Nullable JsonNode calls) throws ApiError {
        if (calls == null || calls.isNull()) {
            return List.of();
        }
        if (!calls.isArray()) {
            throw typeError(at + ".tool_calls", "an array of objects", calls);
        }
        if (calls.isEmpty() && !profile.has(Quirk.LENIENT)) {
            throw RequestParser.emptyArray(at + ".tool_calls");
        }
        List<Call> out = new ArrayList<>();
        for (int j = 0; j < calls.size(); j++) {
            JsonNode call = calls.get(j);
            String where = at + ".tool_calls[" + j + "]";
            JsonNode id = call.get("id");
            JsonNode function = call.path("function");
            if (id == null || !id.isTextual()) {
                throw missing(where + ".id");
            }
            if (!call.path("type").asText("").equals("function")) {
                throw missing(where + ".type");
            }
            if (!function.path("name").isTextual()) {
                throw missing(where + ".function.name");
            }
            if (!function.path("arguments").isTextual()) {
                throw missing(where + ".function.arguments");
            }
            out.add(new Call(id.textValue(), function.get("name").textValue(),
                    function.get("arguments").textValue()));
        }
        return out;
    }

    /** Returns the text of a content value; images go to {@code images} (user only). */
    private String content(JsonNode content, @Nullable List<ImageFacts> images)
            throws ApiError {
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw ApiError.invalid("Invalid type for '" + at + ".content': expected one of "
                    + "a string or array of objects, but got " + typeName(content)
                    + " instead.", at + ".content", "invalid_type");
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String where = at + ".content[" + j + "]";
            String type = part.path("type").asText("");
            switch (type) {
                case "text", "refusal" -> {
                    JsonNode text = part.get(type);
                    if (text == null || !text.isTextual()) {
                        throw missing(where + "." + type);
                    }
                    texts.add(text.textValue());
                }
                case "image_url" -> image(part, where, images);
                default -> throw ApiError.invalid("Invalid value: '" + type + "'. Supported "
                        + "values are: 'text', 'image_url', 'input_audio', 'refusal', "
                        + "'audio', and 'file'.", where + ".type", "invalid_value");
            }
        }
        return String.join("\n", texts);
    }

    private void image(JsonNode part, String where, @Nullable List<ImageFacts> images)
            throws ApiError {
        if (images == null) {
            throw ApiError.invalid("Image URLs are only allowed for messages with role "
                    + "'user', but this message with role '" + role + "' contains "
                    + "an image URL.", at + ".content", "invalid_value");
        }
        if (!model.vision()) {
            throw ApiError.invalid("Invalid content type. image_url is only supported by "
                    + "certain models.", where + ".type", "invalid_value");
        }
        JsonNode url = part.path("image_url").isTextual() ? part.get("image_url")
                : part.path("image_url").path("url");
        if (!url.isTextual()) {
            throw missing(where + ".image_url.url");
        }
        String value = url.textValue();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            // there is no network to download from; OpenAI's text for a failed download
            throw ApiError.invalid("Timeout while downloading " + value + ".", null,
                    "invalid_image_url");
        }
        if (!value.startsWith("data:")) {
            throw ApiError.invalid("Invalid '" + where + ".image_url.url'. Expected a "
                    + "base64-encoded data URL with an image MIME type (e.g. "
                    + "'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got a value without "
                    + "the 'data:' prefix.", where + ".image_url.url", "invalid_value");
        }
        ImageFacts facts = ImageAnalyzer.fromDataUrl(value);
        if (facts == null) {
            throw ApiError.invalid("You uploaded an unsupported image. Please make sure your "
                    + "image has of one the following formats: ['png', 'jpeg', 'gif', "
                    + "'webp'].", null, "invalid_image_format");
        }
        images.add(facts);
    }

    private static ApiError missing(String param) {
        return ApiError.invalid("Missing required parameter: '" + param + "'.", param,
                "missing_required_parameter");
    }
}
