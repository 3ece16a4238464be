package dev.providers.engine.internal.stream;

import dev.providers.engine.ModelRef;
import dev.providers.engine.spec.ModelCost;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What the assembler needs to know about the model and its compat flags.
 *
 * @param api the dialect
 * @param ref the model requested
 * @param prices the model's prices
 * @param reasoningFields delta fields read as thinking, in priority order (compat)
 * @param thinkOpen the opening think tag, or null when content is never scanned (compat)
 * @param thinkClose the closing think tag
 * @param supportsFinishReason whether a missing finish reason is an error (compat)
 * @param reasoningInCompletion whether completion tokens include reasoning (compat)
 * @param contextWindow the model's context window, or null
 * @param overflow tells whether an error message means a context overflow
 */
public record AssemblyConfig(String api, ModelRef ref, ModelCost prices,
        List<String> reasoningFields, @Nullable String thinkOpen, @Nullable String thinkClose,
        boolean supportsFinishReason, boolean reasoningInCompletion,
        @Nullable Integer contextWindow, Predicate<String> overflow) {

    /** Copies the list. */
    public AssemblyConfig {
        reasoningFields = List.copyOf(reasoningFields);
    }
}
