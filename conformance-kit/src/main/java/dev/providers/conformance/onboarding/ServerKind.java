package dev.providers.conformance.onboarding;

/**
 * The servers {@code conformance init} recognises, each with the metadata source it reads and
 * the name a provider id is made from.
 */
enum ServerKind {
    LLAMA_CPP("llama-cpp", "llama.cpp llama-server"),
    VLLM("vllm", "vLLM"),
    LM_STUDIO("lm-studio", "LM Studio"),
    OLLAMA("ollama", "Ollama"),
    OPENROUTER("openrouter", "OpenRouter"),
    ANTHROPIC("anthropic", "Anthropic-compatible server"),
    GEMINI("gemini", "Gemini API"),
    UNKNOWN("", "LLM endpoint");

    private final String idStem;
    private final String title;

    ServerKind(String idStem, String title) {
        this.idStem = idStem;
        this.title = title;
    }

    /** Returns what provider ids for this server start with, or "" when it has no name. */
    String idStem() {
        return idStem;
    }

    /** Returns the server's human-readable name. */
    String title() {
        return title;
    }
}
