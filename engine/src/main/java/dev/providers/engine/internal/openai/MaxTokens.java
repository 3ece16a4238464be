package dev.providers.engine.internal.openai;

import org.jspecify.annotations.Nullable;

/**
 * The output limit to send
 * ({@code docs/dialects/openai-completions.md} §3.1 #6): the caller's, else the model's
 * {@code maxTokens} clamped to what is left of the context window.
 *
 * Public so that every dialect of the engine clamps the same way.
 *
 * <p>Thread-safety: stateless.
 */
public final class MaxTokens {

    /** The largest safety margin below the context window. */
    static final int MAX_MARGIN = 4096;

    private MaxTokens() { }

    /**
     * Returns the limit, or null when neither the caller nor the model sets one.
     *
     * <p>(ours) The margin is {@code min(4096, contextWindow / 4)}: pi-ai's fixed 4096 would
     * clamp every model with a 4k context to a single token.
     */
    public static @Nullable Integer resolve(@Nullable Integer requested, @Nullable Integer modelMax,
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
