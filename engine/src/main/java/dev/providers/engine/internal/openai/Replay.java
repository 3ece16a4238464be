package dev.providers.engine.internal.openai;

import dev.providers.engine.message.Message;
import dev.providers.engine.registry.ResolvedModel;
import java.util.List;

/**
 * The transform pass over a history before per-role conversion
 * ({@code docs/dialects/openai-completions.md} §3.3):
 * failed turns out, orphaned calls answered, foreign turns rewritten, images replaced for
 * text-only models, tool-call ids normalised.
 *
 * <p>Thread-safety: stateless.
 */
final class Replay {

    private Replay() { }

    /** Returns the history as it will be converted for {@code model}. */
    static List<Message> prepare(List<Message> history, ResolvedModel model, CompatFlags compat) {
        List<Message> messages = FailedTurns.drop(history);
        messages = OrphanedCalls.answer(messages);
        messages = ForeignTurns.rewrite(messages, model);
        if (!model.model().acceptsImages()) {
            messages = ImagePlaceholders.replace(messages);
        }
        return new ToolCallIds(compat.toolCallIdFormat()).applyTo(messages);
    }
}
