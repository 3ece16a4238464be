package dev.providers.engine.internal.responses;

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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Converts a prepared history to the {@code input} items
 * ({@code docs/dialects/openai-responses.md} §3): user messages with {@code input_text} and
 * {@code input_image} parts; each assistant turn as its items in block order (reasoning items
 * from their signatures, texts as one {@code message} item, calls as {@code function_call}
 * items keeping their item id); tool results as {@code function_call_output} items, their
 * images inside the output ({@code imagesInToolResults}) or in a user message after the batch.
 *
 * <p>A reasoning item that cannot be replayed (see {@link ReasoningItems#replayable}) is left
 * out, and so are the item ids of the calls of its turn: OpenAI refuses a {@code function_call}
 * whose id it issued with a reasoning item that is missing, and takes one without an id.
 *
 * <p>Thread-safety: not thread-safe; one instance serves one request.
 */
final class InputConverter {

    /** Sent when a result has only images. */
    static final String SEE_IMAGE = "(see attached image)";
    /** Sent when a result is empty or only whitespace. */
    static final String NO_OUTPUT = "(no tool output)";
    /** The text that opens the user message carrying a batch's images. */
    static final String IMAGES_INTRO = "Attached image(s) from tool result:";

    /** What OpenAI issues as item ids; anything else (a foreign signature) is not sent. */
    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final ResponsesCompat compat;
    private final boolean vision;
    private final ArrayNode out = ResponsesJson.array();
    private int messages;

    InputConverter(ResponsesCompat compat, boolean vision) {
        this.compat = compat;
        this.vision = vision;
    }

    /**
     * Returns the input items: the system prompt as a first message unless it goes in
     * {@code instructions} (then pass null), then the history.
     */
    ArrayNode convert(@Nullable String systemMessage, List<Message> history) {
        if (systemMessage != null) {
            ObjectNode system = out.addObject();
            system.put("role", compat.systemPrompt() == ResponsesCompat.SystemPrompt.DEVELOPER
                    ? "developer" : "system");
            system.put("content", systemMessage);
        }
        int i = 0;
        while (i < history.size()) {
            Message message = history.get(i);
            if (message instanceof UserMessage user) {
                ObjectNode wire = out.addObject();
                wire.put("role", "user");
                wire.set("content", userContent(user.content()));
                i++;
            } else if (message instanceof AssistantMessage assistant) {
                assistant(assistant);
                i++;
            } else {
                List<ToolResultMessage> batch = new ArrayList<>();
                while (i < history.size() && history.get(i) instanceof ToolResultMessage result) {
                    batch.add(result);
                    i++;
                }
                results(batch);
            }
        }
        return out;
    }

    /** Returns user content parts; no blocks at all send one empty text part. */
    private static ArrayNode userContent(List<UserContent> content) {
        ArrayNode parts = ResponsesJson.array();
        for (UserContent block : content) {
            parts.add(block instanceof ImageContent image ? imagePart(image)
                    : textPart("input_text", ((TextContent) block).text()));
        }
        if (parts.isEmpty()) {
            // (ours) as chat completions sends "": leaving the message out changes the turns
            parts.add(textPart("input_text", ""));
        }
        return parts;
    }

    private void assistant(AssistantMessage message) {
        boolean reasoningDropped = false;
        for (AssistantContent block : message.content()) {
            if (block instanceof ThinkingContent thinking) {
                ObjectNode item = ReasoningItems.item(thinking.signature());
                reasoningDropped |= item == null || !ReasoningItems.replayable(item, compat);
            }
        }
        List<String> texts = new ArrayList<>();
        for (AssistantContent block : message.content()) {
            if (block instanceof TextContent text) {
                if (!text.text().isBlank()) {
                    texts.add(text.text());
                }
                continue;
            }
            flushTexts(texts);
            if (block instanceof ThinkingContent thinking) {
                ObjectNode item = ReasoningItems.item(thinking.signature());
                if (item != null && ReasoningItems.replayable(item, compat)) {
                    out.add(item);
                }
            } else if (block instanceof ToolCall call) {
                out.add(functionCall(call, reasoningDropped));
            }
        }
        flushTexts(texts);
    }

    /** Adds the pending texts as one output message, one {@code output_text} part each. */
    private void flushTexts(List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        ObjectNode message = out.addObject();
        message.put("type", "message");
        message.put("role", "assistant");
        ArrayNode parts = message.putArray("content");
        for (String text : texts) {
            parts.addObject().put("type", "output_text").put("text", text)
                    .putArray("annotations");
        }
        message.put("status", "completed");
        // (pi-ai) an output message needs an id; a history written elsewhere has none
        message.put("id", "msg_" + messages++);
        texts.clear();
    }

    private static ObjectNode functionCall(ToolCall call, boolean reasoningDropped) {
        ObjectNode item = ResponsesJson.object();
        item.put("type", "function_call");
        String itemId = call.thoughtSignature();
        if (!reasoningDropped && itemId != null && ITEM_ID.matcher(itemId).matches()) {
            item.put("id", itemId);
        }
        item.put("call_id", call.id());
        item.put("name", call.name());
        item.put("arguments", ResponsesJson.text(ResponsesJson.tree(call.arguments())));
        return item;
    }

    private void results(List<ToolResultMessage> batch) {
        List<ImageContent> carried = new ArrayList<>();
        for (ToolResultMessage result : batch) {
            List<String> texts = new ArrayList<>();
            List<ImageContent> images = new ArrayList<>();
            for (UserContent block : result.content()) {
                if (block instanceof TextContent text) {
                    texts.add(text.text());
                } else {
                    images.add((ImageContent) block);
                }
            }
            String text = String.join("\n", texts);
            ObjectNode item = out.addObject();
            item.put("type", "function_call_output");
            item.put("call_id", result.toolCallId());
            if (!images.isEmpty() && vision && compat.imagesInToolResults()) {
                ArrayNode parts = item.putArray("output");
                if (!text.isBlank()) {
                    parts.add(textPart("input_text", text));
                }
                images.forEach(image -> parts.add(imagePart(image)));
            } else {
                // (ours) whitespace-only output counts as none, as in chat completions
                item.put("output", !text.isBlank() ? text : images.isEmpty() ? NO_OUTPUT
                        : SEE_IMAGE);
                if (vision) {
                    carried.addAll(images);
                }
            }
        }
        if (!carried.isEmpty()) {
            ObjectNode user = out.addObject();
            user.put("role", "user");
            ArrayNode parts = user.putArray("content");
            parts.add(textPart("input_text", IMAGES_INTRO));
            carried.forEach(image -> parts.add(imagePart(image)));
        }
    }

    private static ObjectNode textPart(String type, String text) {
        ObjectNode part = ResponsesJson.object();
        part.put("type", type);
        part.put("text", text);
        return part;
    }

    /** Returns an {@code input_image} part carrying the image as a {@code data:} URL. */
    static ObjectNode imagePart(ImageContent image) {
        ObjectNode part = ResponsesJson.object();
        part.put("type", "input_image");
        part.put("detail", "auto");
        part.put("image_url", "data:" + image.mimeType() + ";base64," + image.data());
        return part;
    }
}
