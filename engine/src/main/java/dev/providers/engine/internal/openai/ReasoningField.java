package dev.providers.engine.internal.openai;

import org.jspecify.annotations.Nullable;

/** The delta fields servers use for reasoning text (docs/dialects/openai-completions.md §5 S10). */
enum ReasoningField {
    REASONING_CONTENT("reasoning_content"),
    REASONING("reasoning"),
    REASONING_TEXT("reasoning_text");

    /** {@code values()} clones its array on every call; this one is never handed out. */
    private static final ReasoningField[] ALL = values();

    final String wireName;

    ReasoningField(String wireName) {
        this.wireName = wireName;
    }

    static @Nullable ReasoningField of(String wireName) {
        for (ReasoningField field : ALL) {
            if (field.wireName.equals(wireName)) {
                return field;
            }
        }
        return null;
    }

    /** Returns the field with this ordinal. */
    static ReasoningField ofOrdinal(int ordinal) {
        return ALL[ordinal];
    }
}
