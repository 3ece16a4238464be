package dev.providers.engine.internal.history;

import dev.providers.engine.message.Message;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.ToolCallIdFormat;
import java.util.List;

/**
 * The transform pass every dialect runs over a history before encoding it
 * ({@code docs/dialects/openai-completions.md} §3.3 for the rules): failed turns out, orphaned
 * calls answered, foreign turns rewritten, images replaced for text-only models, tool-call ids
 * normalised.
 *
 * <p>Thread-safety: stateless.
 */
public final class HistoryTransforms {

    private HistoryTransforms() { }

    /** Returns the history as it will be converted for {@code model}. */
    public static List<Message> prepare(List<Message> history, ResolvedModel model,
            ToolCallIdFormat ids) {
        List<Message> messages = FailedTurns.drop(history);
        messages = OrphanedCalls.answer(messages);
        messages = ForeignTurns.rewrite(messages, model);
        if (!model.model().acceptsImages()) {
            messages = ImagePlaceholders.replace(messages);
        }
        return new ToolCallIds(ids).applyTo(messages);
    }
}
