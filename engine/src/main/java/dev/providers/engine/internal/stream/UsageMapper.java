package dev.providers.engine.internal.stream;

import dev.providers.engine.message.Usage;
import dev.providers.engine.spec.ModelCost;

/**
 * Turns wire usage into {@link Usage} (docs/dialects/openai-completions.md §6): cache splits,
 * reasoning, cost.
 */
final class UsageMapper {

    private UsageMapper() { }

    static Usage map(Chunk.RawUsage raw, ModelCost prices, boolean reasoningInCompletion) {
        long cacheRead = raw.cached >= 0 ? raw.cached : raw.promptCacheHit >= 0
                ? raw.promptCacheHit : Math.max(0, raw.topLevelCached);
        long cacheWrite = Math.max(0, raw.cacheWrite);
        long prompt = Math.max(0, raw.prompt);
        long input = Math.max(0, prompt - cacheRead - cacheWrite);
        long reasoning = Math.max(0, raw.reasoning);
        long completion = Math.max(0, raw.completion);
        long output = reasoningInCompletion ? completion : completion + reasoning;
        return Usage.of(input, output, cacheRead, cacheWrite, Math.min(reasoning, output),
                prices);
    }

    /** Returns whether the wire total disagrees with the computed one (recorded, not fatal). */
    static boolean totalDiffers(Chunk.RawUsage raw, Usage usage) {
        return raw.total >= 0 && raw.total != usage.totalTokens();
    }
}
