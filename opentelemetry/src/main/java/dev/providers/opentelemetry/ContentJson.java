package dev.providers.opentelemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserContent;
import dev.providers.engine.message.UserMessage;
import dev.providers.opentelemetry.internal.GenAi;
import java.util.List;

/**
 * Writes prompts and completions in the shapes of the GenAI conventions' opt-in attributes
 * ({@code gen_ai.input.messages}, {@code gen_ai.output.messages},
 * {@code gen_ai.system_instructions}): messages of {@code role} and {@code parts}, each part a
 * {@code text}, {@code reasoning}, {@code tool_call}, {@code tool_call_response} or
 * {@code blob}. Image bytes are left out (a blob names its modality and type only): attributes
 * are no place for megabytes of base64.
 *
 * <p>Thread-safety: stateless.
 */
final class ContentJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContentJson() { }

    /** Returns {@code gen_ai.system_instructions} for a system prompt. */
    static String systemInstructions(String prompt) {
        ArrayNode parts = MAPPER.createArrayNode();
        text(parts, prompt);
        return parts.toString();
    }

    /** Returns {@code gen_ai.input.messages}: the conversation sent. */
    static String inputMessages(Context context) {
        ArrayNode messages = MAPPER.createArrayNode();
        for (Message message : context.messages()) {
            if (message instanceof UserMessage user) {
                ArrayNode parts = message(messages, "user");
                user.content().forEach(part -> userPart(parts, part));
            } else if (message instanceof AssistantMessage assistant) {
                assistantParts(message(messages, "assistant"), assistant.content());
            } else if (message instanceof ToolResultMessage result) {
                ObjectNode part = message(messages, "tool").addObject();
                part.put("type", "tool_call_response");
                part.put("id", result.toolCallId());
                StringBuilder text = new StringBuilder();
                for (UserContent content : result.content()) {
                    if (content instanceof TextContent t) {
                        text.append(t.text());
                    }
                }
                part.put("result", text.toString());
            }
        }
        return messages.toString();
    }

    /** Returns {@code gen_ai.output.messages}: the answer, with its finish reason. */
    static String outputMessages(AssistantMessage answer) {
        ArrayNode messages = MAPPER.createArrayNode();
        ObjectNode message = messages.addObject();
        message.put("role", "assistant");
        assistantParts(message.putArray("parts"), answer.content());
        List<String> reasons = GenAi.finishReasons(answer);
        message.put("finish_reason", reasons.isEmpty() ? "error" : reasons.get(0));
        return messages.toString();
    }

    private static ArrayNode message(ArrayNode messages, String role) {
        ObjectNode message = messages.addObject();
        message.put("role", role);
        return message.putArray("parts");
    }

    private static void userPart(ArrayNode parts, UserContent part) {
        if (part instanceof TextContent text) {
            text(parts, text.text());
        } else if (part instanceof ImageContent image) {
            ObjectNode blob = parts.addObject();
            blob.put("type", "blob");
            blob.put("modality", "image");
            blob.put("mime_type", image.mimeType());
        }
    }

    private static void assistantParts(ArrayNode parts, List<AssistantContent> content) {
        for (AssistantContent block : content) {
            if (block instanceof TextContent text) {
                text(parts, text.text());
            } else if (block instanceof ThinkingContent thinking && !thinking.redacted()) {
                ObjectNode part = parts.addObject();
                part.put("type", "reasoning");
                part.put("content", thinking.thinking());
            } else if (block instanceof ToolCall call) {
                ObjectNode part = parts.addObject();
                part.put("type", "tool_call");
                part.put("id", call.id());
                part.put("name", call.name());
                part.set("arguments", MAPPER.valueToTree(call.arguments()));
            }
        }
    }

    private static void text(ArrayNode parts, String text) {
        ObjectNode part = parts.addObject();
        part.put("type", "text");
        part.put("content", text);
    }
}
