package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Output.Counts;

/**
 * Writes token counts in the shape each server uses
 * ({@code docs/dialects/openai-completions.md} §6).
 */
final class UsageJson {

    private UsageJson() { }

    /** Returns the {@code usage} object of a profile. */
    static ObjectNode of(Profile profile, Counts counts) {
        ObjectNode usage = Json.object();
        switch (profile) {
            case XAI -> {
                // xAI counts reasoning outside completion_tokens but inside total_tokens
                usage.put("prompt_tokens", counts.prompt());
                usage.put("completion_tokens", counts.completion() - counts.reasoning());
                usage.put("total_tokens", counts.total());
                usage.putObject("prompt_tokens_details").put("text_tokens", counts.prompt())
                        .put("audio_tokens", 0).put("image_tokens", 0)
                        .put("cached_tokens", counts.cached());
                usage.putObject("completion_tokens_details")
                        .put("reasoning_tokens", counts.reasoning()).put("audio_tokens", 0)
                        .put("accepted_prediction_tokens", 0)
                        .put("rejected_prediction_tokens", 0);
                usage.put("num_sources_used", 0);
            }
            case DEEPSEEK -> {
                usage.put("prompt_tokens", counts.prompt());
                usage.put("completion_tokens", counts.completion());
                usage.put("total_tokens", counts.total());
                usage.putObject("prompt_tokens_details").put("cached_tokens", counts.cached());
                usage.putObject("completion_tokens_details")
                        .put("reasoning_tokens", counts.reasoning());
                usage.put("prompt_cache_hit_tokens", counts.cached());
                usage.put("prompt_cache_miss_tokens", counts.prompt() - counts.cached());
            }
            case LLAMACPP -> {
                usage.put("completion_tokens", counts.completion());
                usage.put("prompt_tokens", counts.prompt());
                usage.put("total_tokens", counts.total());
                usage.putObject("prompt_tokens_details").put("cached_tokens", counts.cached());
            }
            case MISTRAL, OLLAMA, LOCALAI -> {
                usage.put("prompt_tokens", counts.prompt());
                usage.put("completion_tokens", counts.completion());
                usage.put("total_tokens", counts.total());
            }
            default -> {
                usage.put("prompt_tokens", counts.prompt());
                usage.put("completion_tokens", counts.completion());
                usage.put("total_tokens", counts.total());
                usage.putObject("prompt_tokens_details").put("cached_tokens", counts.cached())
                        .put("audio_tokens", 0);
                usage.putObject("completion_tokens_details")
                        .put("reasoning_tokens", counts.reasoning()).put("audio_tokens", 0)
                        .put("accepted_prediction_tokens", 0)
                        .put("rejected_prediction_tokens", 0);
            }
        }
        return usage;
    }

    /** Returns Groq's {@code x_groq.usage}: counts plus timings in seconds. */
    static ObjectNode groq(Counts counts) {
        ObjectNode usage = Json.object();
        usage.put("queue_time", 0.000_2);
        usage.put("prompt_tokens", counts.prompt());
        usage.put("prompt_time", 0.001);
        usage.put("completion_tokens", counts.completion());
        usage.put("completion_time", 0.01);
        usage.put("total_tokens", counts.total());
        usage.put("total_time", 0.011);
        return usage;
    }

    /** Returns zero counts in the profile's shape (LocalAI's chunks before the last). */
    static ObjectNode zero(Profile profile) {
        return of(profile, new Counts(0, 0, 0, 0));
    }
}
