package dev.providers.engine.internal.stream;

import dev.providers.engine.ModelRef;
import dev.providers.engine.spec.ModelCost;
import org.jspecify.annotations.Nullable;

/**
 * What the assembler needs to know about the model, whatever its dialect.
 *
 * @param api the dialect
 * @param ref the model requested
 * @param prices the model's prices
 * @param contextWindow the model's context window, or null
 */
public record AssemblyConfig(String api, ModelRef ref, ModelCost prices,
        @Nullable Integer contextWindow) { }
