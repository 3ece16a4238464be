package dev.providers.engine.internal.openai;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The compat flags the stream decoder reads.
 *
 * @param reasoningFields delta fields read as thinking, in priority order
 * @param thinkOpen the opening think tag, or null when content is never scanned
 * @param thinkClose the closing think tag, or null
 * @param supportsFinishReason whether a missing finish reason is an error
 * @param reasoningInCompletion whether completion tokens include reasoning
 */
record DecoderSettings(List<String> reasoningFields, @Nullable String thinkOpen,
        @Nullable String thinkClose, boolean supportsFinishReason,
        boolean reasoningInCompletion) {

    /** Copies the list. */
    DecoderSettings {
        reasoningFields = List.copyOf(reasoningFields);
    }

    /** Returns the settings of a model's flags. */
    static DecoderSettings of(CompatFlags compat) {
        return new DecoderSettings(compat.reasoningFields(), compat.thinkOpen(),
                compat.thinkClose(), compat.supportsFinishReason(),
                compat.reasoningTokensInCompletion());
    }
}
