package dev.providers.engine.internal.history;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every tool call without a result a synthetic error result, because servers reject an
 * assistant {@code tool_calls} message that is not answered before the next turn
 * ({@code docs/dialects/openai-completions.md} §3.3 "Orphaned tool calls").
 *
 * <p>The synthetic results are inserted where the batch of results ends: before the next user
 * or assistant message, or at the end of the history, in call order.
 *
 * <p>Thread-safety: stateless.
 */
final class OrphanedCalls {

    /** The text of a synthetic result. */
    static final String NO_RESULT = "No result provided";

    private OrphanedCalls() { }

    /** Returns the history with a synthetic result for each unanswered call. */
    static List<Message> answer(List<Message> history) {
        List<Message> out = new ArrayList<>(history.size());
        Map<String, ToolCall> pending = new LinkedHashMap<>();
        for (Message message : history) {
            if (message instanceof ToolResultMessage result) {
                pending.remove(result.toolCallId());
            } else {
                flush(pending, out);
            }
            out.add(message);
            if (message instanceof AssistantMessage assistant) {
                for (ToolCall call : assistant.toolCalls()) {
                    pending.putIfAbsent(call.id(), call);
                }
            }
        }
        flush(pending, out);
        return out;
    }

    private static void flush(Map<String, ToolCall> pending, List<Message> out) {
        for (ToolCall call : pending.values()) {
            out.add(new ToolResultMessage(call.id(), call.name(),
                    List.of(new TextContent(NO_RESULT)), true, List.of(), 0));
        }
        pending.clear();
    }
}
