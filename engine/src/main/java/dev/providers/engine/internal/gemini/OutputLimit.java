package dev.providers.engine.internal.gemini;

import org.jspecify.annotations.Nullable;

/**
 * The {@code maxOutputTokens} to send: the caller's, else the model's {@code maxTokens} clamped to
 * what the context window leaves after the prompt and a margin of
 * {@code min(4096, contextWindow / 4)}, the rule the chat-completions dialect uses too.
 *
 * <p>Thread-safety: stateless.
 */
final class OutputLimit {

    /** The largest safety margin below the context window. */
    static final int MAX_MARGIN = 4096;

    private OutputLimit() { }

    /** Returns the limit, or null when neither the caller nor the model sets one. */
    static @Nullable Integer resolve(@Nullable Integer requested, @Nullable Integer modelMax,
            @Nullable Integer contextWindow, int estimatedPromptTokens) {
        if (requested != null) {
            return requested;
        }
        if (modelMax == null) {
            return null;
        }
        if (contextWindow == null) {
            return modelMax;
        }
        long margin = Math.min(MAX_MARGIN, contextWindow / 4);
        long room = Math.max(1L, (long) contextWindow - estimatedPromptTokens - margin);
        return (int) Math.min(modelMax, room);
    }
}
