package dev.providers.engine.internal.history;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops errored and aborted assistant turns from replay, together with the tool results that
 * answer their calls, so that the server never sees half a turn or a result without its call
 * ({@code docs/dialects/openai-completions.md} §3.3; catalogue §10 #4).
 *
 * <p>A result counts as answering a dropped call when its id matches and it comes before the
 * next kept assistant turn; later results with a reused id belong to that later turn.
 *
 * <p>Thread-safety: stateless.
 */
final class FailedTurns {

    private FailedTurns() { }

    /** Returns the history without failed turns and their results. */
    static List<Message> drop(List<Message> history) {
        List<Message> out = new ArrayList<>(history.size());
        Set<String> droppedCalls = new HashSet<>();
        for (Message message : history) {
            if (message instanceof AssistantMessage assistant) {
                if (!assistant.stopReason().isNormal()) {
                    // (ours) pi-ai keeps the results of a dropped turn; they would be orphans
                    droppedCalls.clear();
                    for (ToolCall call : assistant.toolCalls()) {
                        droppedCalls.add(call.id());
                    }
                    continue;
                }
                droppedCalls.clear();
            } else if (message instanceof ToolResultMessage result
                    && droppedCalls.contains(result.toolCallId())) {
                continue;
            }
            out.add(message);
        }
        return out;
    }
}
