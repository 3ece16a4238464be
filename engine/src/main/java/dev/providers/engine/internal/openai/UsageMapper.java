package dev.providers.engine.internal.openai;

/**
 * Turns wire usage into the engine's counts (docs/dialects/openai-completions.md §6): cache
 * splits, reasoning inside or beside the completion.
 */
final class UsageMapper {

    /** The counts the sink takes. */
    record Counts(long input, long output, long cacheRead, long cacheWrite, long reasoning) {

        /** Returns input + output + cacheRead + cacheWrite. */
        long total() {
            return input + output + cacheRead + cacheWrite;
        }
    }

    private UsageMapper() { }

    static Counts map(Chunk.RawUsage raw, boolean reasoningInCompletion) {
        long cacheRead = raw.cached >= 0 ? raw.cached : raw.promptCacheHit >= 0
                ? raw.promptCacheHit : Math.max(0, raw.topLevelCached);
        long cacheWrite = Math.max(0, raw.cacheWrite);
        long prompt = Math.max(0, raw.prompt);
        long input = Math.max(0, prompt - cacheRead - cacheWrite);
        long reasoning = Math.max(0, raw.reasoning);
        long completion = Math.max(0, raw.completion);
        long output = reasoningInCompletion ? completion : completion + reasoning;
        return new Counts(input, output, cacheRead, cacheWrite, Math.min(reasoning, output));
    }

    /** Returns whether the wire total disagrees with the computed one (recorded, not fatal). */
    static boolean totalDiffers(Chunk.RawUsage raw, Counts counts) {
        return raw.total >= 0 && raw.total != counts.total();
    }
}
