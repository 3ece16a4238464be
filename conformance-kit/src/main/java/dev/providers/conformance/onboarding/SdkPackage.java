package dev.providers.conformance.onboarding;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The AI SDK packages models.dev names in {@code npm}, mapped onto this engine's dialects, with
 * the base URL each package uses when models.dev gives none ({@code api}).
 *
 * @param api the dialect id
 * @param defaultBaseUrl the package's default base URL, or null if the entry must name one
 */
record SdkPackage(String api, @Nullable String defaultBaseUrl) {

    private static final String COMPLETIONS = "openai-completions";

    // default base URLs as each package documents them; all but the first four speak chat
    // completions with a fixed host
    private static final Map<String, SdkPackage> PACKAGES = Map.ofEntries(
            Map.entry("@ai-sdk/openai-compatible", new SdkPackage(COMPLETIONS, null)),
            Map.entry("@ai-sdk/openai",
                    new SdkPackage("openai-responses", "https://api.openai.com/v1")),
            Map.entry("@ai-sdk/anthropic",
                    new SdkPackage("anthropic-messages", "https://api.anthropic.com/v1")),
            Map.entry("@ai-sdk/google", new SdkPackage("google-generative-ai",
                    "https://generativelanguage.googleapis.com/v1beta")),
            Map.entry("@ai-sdk/groq",
                    new SdkPackage(COMPLETIONS, "https://api.groq.com/openai/v1")),
            Map.entry("@ai-sdk/mistral",
                    new SdkPackage(COMPLETIONS, "https://api.mistral.ai/v1")),
            Map.entry("@ai-sdk/xai", new SdkPackage(COMPLETIONS, "https://api.x.ai/v1")),
            Map.entry("@ai-sdk/deepseek",
                    new SdkPackage(COMPLETIONS, "https://api.deepseek.com/v1")),
            Map.entry("@ai-sdk/togetherai",
                    new SdkPackage(COMPLETIONS, "https://api.together.xyz/v1")),
            Map.entry("@ai-sdk/cerebras",
                    new SdkPackage(COMPLETIONS, "https://api.cerebras.ai/v1")),
            Map.entry("@ai-sdk/fireworks",
                    new SdkPackage(COMPLETIONS, "https://api.fireworks.ai/inference/v1")),
            Map.entry("@ai-sdk/deepinfra",
                    new SdkPackage(COMPLETIONS, "https://api.deepinfra.com/v1/openai")),
            Map.entry("@openrouter/ai-sdk-provider",
                    new SdkPackage(COMPLETIONS, "https://openrouter.ai/api/v1")));

    /** Returns the mapping of the package, or empty if this engine has no dialect for it. */
    static Optional<SdkPackage> of(String npm) {
        return Optional.ofNullable(PACKAGES.get(npm));
    }
}
