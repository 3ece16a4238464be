package dev.providers.engine.internal.gemini;

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

/**
 * Turns a prepared history (see {@code spi.History}) into Gemini's {@code contents}
 * ({@code docs/dialects/google-generative-ai.md} §3.2): user messages and tool results are
 * {@code user} turns, assistant messages {@code model} turns, and consecutive turns of one role
 * are merged into one content, so that roles alternate.
 *
 * <ul>
 *   <li>user: {@code {text}} and {@code {inlineData: {mimeType, data}}} parts;
 *   <li>model: {@code {text}}; thinking as {@code {text, thought: true, thoughtSignature?}} (the
 *       history transforms already turned another model's thinking into text); calls as
 *       {@code {functionCall: {name, args, id?}, thoughtSignature?}};
 *   <li>tool results: {@code {functionResponse: {name, id?, response: {output}}}} (or
 *       {@code {error}}), the result's images as {@code inlineData} parts right after it.
 * </ul>
 * A message without any part (an empty assistant turn, a user message of no blocks) is left
 * out. A function call of the current turn that needs a signature and has none gets
 * {@link #SKIP_VALIDATOR} when the flag says so.
 *
 * <p>Thread-safety: not thread-safe; one instance converts one request.
 */
final class Contents {

    /** Google's documented placeholder for a function call that carries no signature. */
    static final String SKIP_VALIDATOR = "skip_thought_signature_validator";

    /** What an image-only tool result says, so the model knows to look at what follows. */
    static final String SEE_IMAGE = "(see attached image)";

    private final GeminiCompat compat;
    private final ArrayNode contents = GeminiJson.array();

    Contents(GeminiCompat compat) {
        this.compat = compat;
    }

    /** Returns the {@code contents} array of a prepared history. */
    ArrayNode convert(List<Message> history) {
        for (Message message : history) {
            if (message instanceof UserMessage user) {
                user(user);
            } else if (message instanceof AssistantMessage assistant) {
                model(assistant);
            } else if (message instanceof ToolResultMessage result) {
                result(result);
            }
        }
        if (compat.fillMissingThoughtSignatures()) {
            fillSignatures();
        }
        return contents;
    }

    private void user(UserMessage message) {
        ArrayNode parts = GeminiJson.array();
        for (UserContent block : message.content()) {
            parts.add(userPart(block));
        }
        if (!parts.isEmpty()) {
            add("user", parts);
        }
    }

    private void model(AssistantMessage message) {
        ArrayNode parts = GeminiJson.array();
        for (AssistantContent block : message.content()) {
            if (block instanceof TextContent text) {
                if (!text.text().isEmpty()) {
                    parts.addObject().put("text", text.text());
                }
            } else if (block instanceof ThinkingContent thinking) {
                thought(thinking, parts);
            } else if (block instanceof ToolCall call) {
                parts.add(functionCall(call));
            }
        }
        if (!parts.isEmpty()) {
            add("model", parts);
        }
    }

    /** Adds the model's own thinking; what the transforms left is this model's (or signed). */
    private static void thought(ThinkingContent thinking, ArrayNode parts) {
        if (thinking.redacted() || thinking.thinking().isEmpty() && thinking.signature() == null) {
            return; // Gemini has no redacted thinking; an empty unsigned thought says nothing
        }
        ObjectNode part = parts.addObject();
        part.put("text", thinking.thinking());
        part.put("thought", true);
        if (thinking.signature() != null) {
            part.put("thoughtSignature", thinking.signature());
        }
    }

    private ObjectNode functionCall(ToolCall call) {
        ObjectNode part = GeminiJson.object();
        ObjectNode function = part.putObject("functionCall");
        function.put("name", call.name());
        function.set("args", GeminiJson.tree(call.arguments()));
        if (compat.sendToolCallIds()) {
            function.put("id", call.id());
        }
        if (call.thoughtSignature() != null) {
            part.put("thoughtSignature", call.thoughtSignature());
        }
        return part;
    }

    private void result(ToolResultMessage result) {
        StringBuilder text = new StringBuilder();
        ArrayNode images = GeminiJson.array();
        for (UserContent block : result.content()) {
            if (block instanceof TextContent piece) {
                if (!text.isEmpty() && !piece.text().isEmpty()) {
                    text.append('\n');
                }
                text.append(piece.text());
            } else {
                images.add(userPart(block));
            }
        }
        String value = text.isEmpty() && !images.isEmpty() ? SEE_IMAGE : text.toString();
        ArrayNode parts = GeminiJson.array();
        ObjectNode response = parts.addObject().putObject("functionResponse");
        response.put("name", result.toolName());
        if (compat.sendToolCallIds()) {
            response.put("id", result.toolCallId());
        }
        response.putObject("response").put(result.isError() ? "error" : "output", value);
        parts.addAll(images);
        add("user", parts);
    }

    private static ObjectNode userPart(UserContent block) {
        ObjectNode part = GeminiJson.object();
        if (block instanceof TextContent text) {
            part.put("text", text.text());
        } else if (block instanceof ImageContent image) {
            part.putObject("inlineData").put("mimeType", image.mimeType())
                    .put("data", image.data());
        }
        return part;
    }

    /** Appends the parts to the last content when it has the same role, else a new content. */
    private void add(String role, ArrayNode parts) {
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }

    /**
     * Gives the first function call of every model turn after the last user turn a placeholder
     * signature when it has none: Gemini 3 validates the signatures of the current turn only,
     * and only the first call of a parallel batch carries one. The last user turn is the last
     * user content without function responses, so that the current turn is covered even when a
     * user message was merged into the content of the results before it (which Google may count
     * either way).
     */
    private void fillSignatures() {
        int boundary = -1;
        for (int i = 0; i < contents.size(); i++) {
            if (isUserTurn(contents.get(i))) {
                boundary = i;
            }
        }
        for (int i = boundary + 1; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!"model".equals(content.path("role").asText())) {
                continue;
            }
            for (JsonNode part : content.path("parts")) {
                if (part.has("functionCall")) {
                    if (!part.has("thoughtSignature")) {
                        ((ObjectNode) part).put("thoughtSignature", SKIP_VALIDATOR);
                    }
                    break;
                }
            }
        }
    }

    private static boolean isUserTurn(JsonNode content) {
        if (!"user".equals(content.path("role").asText())) {
            return false;
        }
        for (JsonNode part : content.path("parts")) {
            if (part.has("functionResponse")) {
                return false;
            }
        }
        return true;
    }
}
