package dev.providers.engine.internal.openai;

import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.registry.ResolvedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites assistant turns that another model produced ({@code openai-compat.md} §3.3 "Foreign
 * thinking", "Own thinking"): their thinking becomes plain text with no tags, because tags teach
 * a model to imitate them, and signatures that only the other model could verify are dropped.
 *
 * <p>"Same model" means the same provider id, dialect and model id. Own turns keep their
 * thinking, except an empty unsigned block; a redacted block survives only for the same model.
 *
 * <p>Thread-safety: stateless.
 */
final class ForeignTurns {

    private ForeignTurns() { }

    /** Returns the history with foreign thinking as text and foreign signatures dropped. */
    static List<Message> rewrite(List<Message> history, ResolvedModel model) {
        List<Message> out = new ArrayList<>(history.size());
        for (Message message : history) {
            out.add(message instanceof AssistantMessage assistant
                    ? rewrite(assistant, isSameModel(assistant, model)) : message);
        }
        return out;
    }

    /** Returns whether a turn was produced by this provider, dialect and model. */
    static boolean isSameModel(AssistantMessage message, ResolvedModel model) {
        return message.provider().equals(model.provider().id())
                && message.api().equals(model.api())
                && message.model().equals(model.model().id());
    }

    private static AssistantMessage rewrite(AssistantMessage message, boolean sameModel) {
        List<AssistantContent> content = new ArrayList<>(message.content().size());
        for (AssistantContent block : message.content()) {
            if (block instanceof ThinkingContent thinking) {
                boolean blank = thinking.thinking().isBlank();
                if (thinking.redacted()) {
                    if (sameModel) {
                        content.add(thinking);
                    }
                } else if (sameModel && (!blank || thinking.signature() != null)) {
                    content.add(thinking);
                } else if (!sameModel && !blank) {
                    content.add(new TextContent(thinking.thinking()));
                }
            } else if (block instanceof ToolCall call && !sameModel
                    && call.thoughtSignature() != null) {
                content.add(ToolCall.of(call.id(), call.name(), call.arguments()));
            } else {
                content.add(block);
            }
        }
        return new AssistantMessage(content, message.api(), message.provider(), message.model(),
                message.responseModel(), message.responseId(), message.usage(),
                message.stopReason(), message.rawStopReason(), message.errorMessage(),
                message.errorKind(), message.timestamp());
    }
}
