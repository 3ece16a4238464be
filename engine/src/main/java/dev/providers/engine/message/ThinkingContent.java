package dev.providers.engine.message;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model's reasoning.
 *
 * @param thinking the reasoning text
 * @param signature for chat completions, the wire field it came from ({@code reasoning_content},
 *     {@code reasoning}, {@code reasoning_text}); replay sends it back under the same field
 * @param redacted whether the provider hid the text (encrypted reasoning)
 */
public record ThinkingContent(String thinking, @Nullable String signature, boolean redacted)
        implements AssistantContent {

    /** Rejects null text. */
    public ThinkingContent {
        Objects.requireNonNull(thinking, "thinking");
    }

    /** Returns plain thinking without a signature. */
    public static ThinkingContent of(String thinking) {
        return new ThinkingContent(thinking, null, false);
    }
}
