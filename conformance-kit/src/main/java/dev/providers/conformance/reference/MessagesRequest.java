package dev.providers.conformance.reference;

import org.jspecify.annotations.Nullable;

/**
 * A checked Messages request: the dialect-neutral request the model answers, and what only the
 * Messages wire has.
 *
 * @param chat the request as the model reads it
 * @param cacheMarked whether any block carries a {@code cache_control} breakpoint
 * @param replayedThinking whether every replayed assistant turn carries a thinking block
 */
record MessagesRequest(ChatRequest chat, boolean cacheMarked, boolean replayedThinking) {

    /** Returns the stop sequence the reply's text meets first, or null when none cuts it. */
    @Nullable String stopSequence(String text) {
        String first = null;
        int at = text.length();
        for (String stop : chat.stop()) {
            int found = text.indexOf(stop);
            if (found >= 0 && found < at) {
                at = found;
                first = stop;
            }
        }
        return first;
    }
}
