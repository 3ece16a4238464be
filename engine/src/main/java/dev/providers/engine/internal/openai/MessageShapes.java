package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * (ours) Applies the message-shape flags to a converted messages array, in this order:
 * {@code mergeSameRoleMessages} ({@link SameRoleMerge}), {@code singleSystemMessage}
 * ({@link SingleSystemMessage}), {@code requiresUserFirstAlternation}
 * ({@link UserFirstAlternation}). Merging first means alternation only fills gaps that merging
 * could not close.
 *
 * <p>Thread-safety: stateless.
 */
final class MessageShapes {

    private MessageShapes() { }

    /** Returns the messages reshaped per the flags (the same array when none is set). */
    static ArrayNode apply(ArrayNode messages, CompatFlags compat) {
        ArrayNode out = messages;
        if (compat.mergeSameRoleMessages()) {
            out = SameRoleMerge.apply(out);
        }
        if (compat.singleSystemMessage()) {
            out = SingleSystemMessage.apply(out);
        }
        if (compat.requiresUserFirstAlternation()) {
            out = UserFirstAlternation.apply(out);
        }
        return out;
    }
}
