package dev.providers.engine.spi;

import dev.providers.engine.internal.history.HistoryTransforms;
import dev.providers.engine.message.Message;
import dev.providers.engine.registry.ResolvedModel;
import java.util.List;

/**
 * The transforms every dialect applies to a history before encoding it, so that a conversation
 * can move between models and dialects: failed and aborted assistant turns are left out, a tool
 * call left without a result gets one ("No result provided"), another model's turns have their
 * thinking turned into text and their signatures dropped, images become a note for a model
 * without image input, and every tool-call id is normalised to what the server accepts.
 *
 * <p>Thread-safety: stateless.
 */
public final class History {

    private History() { }

    /** Returns {@code history} as it should be encoded for {@code model}. */
    public static List<Message> prepare(List<Message> history, ResolvedModel model,
            ToolCallIdFormat ids) {
        return HistoryTransforms.prepare(history, model, ids);
    }
}
