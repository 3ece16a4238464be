package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts a prepared history (see {@link Replay}) to the {@code messages} array, role by role
 * ({@code docs/dialects/openai-completions.md} §3.3): the system prompt first, consecutive tool
 * results as one batch, the bridging assistant message of
 * {@code requiresAssistantAfterToolResult}, and Kimi's deferred-tool announcements.
 *
 * <p>After a batch of results the order is: the {@code role: tool} messages, the deferred-tool
 * system message, the bridging assistant message (only before images), the user message with the
 * batch's images.
 *
 * <p>Thread-safety: not thread-safe; one instance serves one request.
 */
final class MessageConverter {

    /** The bridging assistant message of {@code requiresAssistantAfterToolResult}. */
    static final String BRIDGE = "I have processed the tool results.";

    private enum Last { NONE, USER, ASSISTANT, TOOL }

    private final CompatFlags compat;
    private final boolean reasoningModel;
    private final boolean vision;
    private final DeferredTools deferred;

    MessageConverter(CompatFlags compat, boolean reasoningModel, boolean vision,
            DeferredTools deferred) {
        this.compat = compat;
        this.reasoningModel = reasoningModel;
        this.vision = vision;
        this.deferred = deferred;
    }

    /** Returns the messages array for a system prompt and a prepared history. */
    ArrayNode convert(@Nullable String systemPrompt, List<Message> history) {
        ArrayNode out = WireJson.array();
        if (systemPrompt != null && !systemPrompt.isEmpty()) {
            // (ours) developer only for reasoning models that declare it; many servers reject it
            boolean developer = reasoningModel && compat.supportsDeveloperRole();
            out.add(WireJson.message(developer ? "developer" : "system", systemPrompt));
        }
        AssistantConverter assistants = new AssistantConverter(compat, reasoningModel);
        Last last = Last.NONE;
        int i = 0;
        while (i < history.size()) {
            Message message = history.get(i);
            if (message instanceof UserMessage user) {
                if (last == Last.TOOL && compat.requiresAssistantAfterToolResult()) {
                    out.add(WireJson.message("assistant", BRIDGE));
                }
                ObjectNode wire = out.addObject();
                wire.put("role", "user");
                wire.set("content", UserContentConverter.content(user.content()));
                last = Last.USER;
                i++;
            } else if (message instanceof AssistantMessage assistant) {
                ObjectNode wire = assistants.convert(assistant);
                if (wire != null) {
                    out.add(wire);
                    last = Last.ASSISTANT;
                }
                i++;
            } else {
                List<ToolResultMessage> batch = new ArrayList<>();
                while (i < history.size() && history.get(i) instanceof ToolResultMessage result) {
                    batch.add(result);
                    i++;
                }
                last = batch(batch, out);
            }
        }
        return out;
    }

    private Last batch(List<ToolResultMessage> batch, ArrayNode out) {
        for (ToolResultMessage result : batch) {
            out.add(ToolResultConverter.convert(result, compat.requiresToolResultName()));
        }
        List<Tool> added = deferred.announce(batch);
        if (!added.isEmpty()) {
            out.add(DeferredTools.declaration(added, compat));
        }
        List<ImageContent> images = vision ? ToolResultConverter.images(batch) : List.of();
        if (images.isEmpty()) {
            return Last.TOOL;
        }
        if (compat.requiresAssistantAfterToolResult()) {
            out.add(WireJson.message("assistant", BRIDGE));
        }
        out.add(ToolResultConverter.imageMessage(images));
        return Last.USER;
    }
}
