package dev.providers.engine.internal.openai;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One decoded {@code chat.completion.chunk}, reduced to what the assembler needs. Reused from
 * chunk to chunk (call {@link #reset()}), so decoding allocates only the strings it keeps.
 *
 * <p>Thread-safety: confined to the stream's I/O callbacks.
 */
final class Chunk {

    /** Where usage was found: the top level (S6). */
    static final int TOP = 0;
    /** Where usage was found: inside the choice (Moonshot). */
    static final int CHOICE = 1;
    /** Where usage was found: in {@code x_groq}. */
    static final int GROQ = 2;

    /** Usage numbers from one of the places servers put them; -1 means absent. */
    static final class RawUsage {
        boolean present;
        long prompt = -1;
        long completion = -1;
        long total = -1;
        long cached = -1;
        long cacheWrite = -1;
        long reasoning = -1;
        long promptCacheHit = -1;
        long topLevelCached = -1;

        void reset() {
            present = false;
            prompt = -1;
            completion = -1;
            total = -1;
            cached = -1;
            cacheWrite = -1;
            reasoning = -1;
            promptCacheHit = -1;
            topLevelCached = -1;
        }
    }

    /** One entry of {@code delta.tool_calls}. */
    static final class ToolDelta {
        int index = -1;
        @Nullable String id;
        @Nullable String name;
        @Nullable String arguments;

        void reset() {
            index = -1;
            id = null;
            name = null;
            arguments = null;
        }
    }

    @Nullable String id;
    @Nullable String model;
    boolean hasChoice;
    @Nullable String content;
    @Nullable String contentThinking;
    /** Reasoning text per field of {@link ReasoningField}, in wire order of arrival. */
    final @Nullable String[] reasoning = new String[ReasoningField.values().length];
    final List<ToolDelta> tools = new ArrayList<>();
    int toolCount;
    /** Encrypted reasoning details (OpenRouter), each as JSON, keyed by the call id they sign. */
    final List<String[]> signatures = new ArrayList<>();
    @Nullable String finishReason;
    /**
     * Usage by where it was found ({@link #TOP}, {@link #CHOICE}, {@link #GROQ}), in priority
     * order; each is created when a chunk first has it, as most chunks have none.
     */
    private final @Nullable RawUsage[] usages = new RawUsage[3];
    boolean hasError;
    @Nullable String errorMessage;
    @Nullable String errorCode;
    @Nullable String errorMetadataRaw;
    /** The error's kind and text, decided before the chunk reaches the assembler's lock. */
    dev.providers.engine.message.@Nullable ErrorKind errorKind;
    @Nullable String errorText;

    /** Returns the usage found at {@code where}, to be filled in. */
    RawUsage usage(int where) {
        RawUsage usage = usages[where];
        if (usage == null) {
            usage = new RawUsage();
            usages[where] = usage;
        }
        return usage;
    }

    ToolDelta addTool() {
        if (toolCount == tools.size()) {
            tools.add(new ToolDelta());
        }
        ToolDelta delta = tools.get(toolCount++);
        delta.reset();
        return delta;
    }

    void reset() {
        id = null;
        model = null;
        hasChoice = false;
        content = null;
        contentThinking = null;
        java.util.Arrays.fill(reasoning, null);
        toolCount = 0;
        signatures.clear();
        finishReason = null;
        for (RawUsage usage : usages) {
            if (usage != null) {
                usage.reset();
            }
        }
        hasError = false;
        errorMessage = null;
        errorCode = null;
        errorMetadataRaw = null;
        errorKind = null;
        errorText = null;
    }

    /** Returns the usage that counts for this chunk (S6): top level, choice, then x_groq. */
    @Nullable RawUsage effectiveUsage() {
        for (RawUsage usage : usages) {
            if (usage != null && usage.present) {
                return usage;
            }
        }
        return null;
    }
}
