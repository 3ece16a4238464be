package dev.providers.engine.internal.stream;

import org.jspecify.annotations.Nullable;

/** The delta fields servers use for reasoning text (openai-compat.md S10). */
enum ReasoningField {
    REASONING_CONTENT("reasoning_content"),
    REASONING("reasoning"),
    REASONING_TEXT("reasoning_text");

    final String wireName;

    ReasoningField(String wireName) {
        this.wireName = wireName;
    }

    static @Nullable ReasoningField of(String wireName) {
        for (ReasoningField field : values()) {
            if (field.wireName.equals(wireName)) {
                return field;
            }
        }
        return null;
    }
}
