package dev.providers.conformance.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/** Builds request bodies and parsed requests for unit tests. */
final class Requests {

    private Requests() { }

    /** Returns a body with model demo-chat and these messages. */
    static ObjectNode body(ObjectNode... messages) {
        ObjectNode body = Json.object();
        body.put("model", "demo-chat");
        ArrayNode array = body.putArray("messages");
        for (ObjectNode message : messages) {
            array.add(message);
        }
        return body;
    }

    static ObjectNode message(String role, String content) {
        return Json.object().put("role", role).put("content", content);
    }

    static ObjectNode user(String content) {
        return message("user", content);
    }

    static ObjectNode system(String content) {
        return message("system", content);
    }

    /** Returns a user message of text and one PNG. */
    static ObjectNode userWithImage(String text, byte[] png) {
        ObjectNode message = Json.object().put("role", "user");
        ArrayNode parts = message.putArray("content");
        if (text != null) {
            parts.addObject().put("type", "text").put("text", text);
        }
        parts.addObject().put("type", "image_url").putObject("image_url").put("url",
                "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
        return message;
    }

    /** Returns an assistant message with tool calls (name, arguments JSON) under ids. */
    static ObjectNode assistantCalls(String... idNameArgs) {
        ObjectNode message = Json.object().put("role", "assistant");
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        for (int i = 0; i < idNameArgs.length; i += 3) {
            ObjectNode call = calls.addObject();
            call.put("id", idNameArgs[i]).put("type", "function");
            call.putObject("function").put("name", idNameArgs[i + 1])
                    .put("arguments", idNameArgs[i + 2]);
        }
        return message;
    }

    static ObjectNode toolResult(String id, String content) {
        return Json.object().put("role", "tool").put("tool_call_id", id).put("content", content);
    }

    /** Adds a function tool with a parameters schema given as JSON text. */
    static ObjectNode withTool(ObjectNode body, String name, String parametersJson) {
        ObjectNode tool = body.withArray("tools").addObject();
        tool.put("type", "function");
        ObjectNode function = tool.putObject("function");
        function.put("name", name);
        try {
            function.set("parameters", Json.parse(parametersJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return body;
    }

    static final String MATH = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},"
            + "\"b\":{\"type\":\"number\"},\"operation\":{\"type\":\"string\",\"enum\":[\"add\","
            + "\"subtract\",\"multiply\",\"divide\"]}},\"required\":[\"a\",\"b\",\"operation\"]}";
    static final String WEATHER = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":"
            + "\"string\"}},\"required\":[\"city\"]}";
    static final String CALCULATE = "{\"type\":\"object\",\"properties\":{\"expression\":"
            + "{\"type\":\"string\"}},\"required\":[\"expression\"]}";
    static final String DOUBLE = "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":"
            + "\"number\"}},\"required\":[\"value\"]}";
    static final String EMPTY = "{\"type\":\"object\",\"properties\":{}}";

    /** Parses a body as the openai profile does. */
    static ChatRequest parse(ObjectNode body) throws ApiError {
        return parse(body, Profile.OPENAI);
    }

    static ChatRequest parse(ObjectNode body, Profile profile) throws ApiError {
        String text = Json.text(body);
        try {
            return RequestParser.parse(Json.parse(text), text, profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the model's reply to a body. */
    static Reply reply(ObjectNode body) throws ApiError {
        return Brain.reply(parse(body));
    }
}
