package dev.providers.engine.internal.history;

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
 * Rewrites assistant turns that another model produced
 * ({@code docs/dialects/openai-completions.md} §3.3 "Foreign
 * thinking", "Own thinking"): their thinking becomes plain text with no tags, because tags teach
 * a model to imitate them, and signatures that only the other model could verify are dropped.
 *
 * <p>"Same model" means the same provider id, dialect and model id. Own turns keep their
 * thinking, except an empty unsigned block; a redacted block survives only for the same model.
 *
 * <p>(ours) The wire joins an assistant turn's texts without a separator, so thinking turned
 * into text would run into the answer ({@code "foreign thoughthello"}; pi-ai sends that). A
 * foreign turn with thinking therefore gets its texts as one text block, in order, where a
 * {@link #SEPARATOR} stands between thinking and the text around it; texts that meet each other
 * stay joined without one, as the wire joins them.
 *
 * <p>Thread-safety: stateless.
 */
final class ForeignTurns {

    /** What stands between thinking turned into text and the text next to it: a blank line. */
    static final String SEPARATOR = "\n\n";

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
        List<AssistantContent> content = sameModel ? own(message) : foreign(message);
        return new AssistantMessage(content, message.api(), message.provider(), message.model(),
                message.responseModel(), message.responseId(), message.usage(),
                message.stopReason(), message.rawStopReason(), message.errorMessage(),
                message.errorKind(), message.timestamp());
    }

    /** Returns an own turn's blocks without its empty unsigned thinking. */
    private static List<AssistantContent> own(AssistantMessage message) {
        List<AssistantContent> out = new ArrayList<>(message.content().size());
        for (AssistantContent block : message.content()) {
            if (!(block instanceof ThinkingContent thinking) || thinking.redacted()
                    || !thinking.thinking().isBlank() || thinking.signature() != null) {
                out.add(block);
            }
        }
        return out;
    }

    /**
     * Returns a foreign turn's blocks: thinking as text (redacted and blank thinking dropped),
     * tool calls without their signatures, and, when there was thinking, all texts as one block
     * where the first text was.
     */
    private static List<AssistantContent> foreign(AssistantMessage message) {
        List<AssistantContent> out = new ArrayList<>(message.content().size());
        StringBuilder texts = new StringBuilder();
        int textsAt = -1;
        boolean anyThought = false;
        boolean lastWasThought = false;
        for (AssistantContent block : message.content()) {
            if (block instanceof ThinkingContent || block instanceof TextContent) {
                boolean thought = block instanceof ThinkingContent;
                String text = thought ? thinkingText((ThinkingContent) block)
                        : ((TextContent) block).text();
                if (text.isBlank()) {
                    continue; // never sent: the converter leaves blank text out too
                }
                if (texts.length() > 0 && (thought || lastWasThought)) {
                    texts.append(SEPARATOR);
                }
                texts.append(text);
                textsAt = textsAt < 0 ? out.size() : textsAt;
                anyThought |= thought;
                lastWasThought = thought;
                if (!thought) {
                    out.add(block); // kept as it is unless there is thinking to join
                }
            } else if (block instanceof ToolCall call && call.thoughtSignature() != null) {
                out.add(ToolCall.of(call.id(), call.name(), call.arguments()));
            } else {
                out.add(block);
            }
        }
        if (anyThought) {
            out.removeIf(TextContent.class::isInstance);
            out.add(textsAt, new TextContent(texts.toString()));
        }
        return out;
    }

    private static String thinkingText(ThinkingContent thinking) {
        return thinking.redacted() ? "" : thinking.thinking();
    }
}
