package dev.providers.conformance.containers;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The OpenAI-compatible servers the kit can start in a container, with what it needs to know to
 * reach them: the name on the command line, the built-in catalog entry the provider file is made
 * from, the default image, the port inside the container.
 */
public enum ContainerKind {

    /** Ollama, serving {@code /v1} on port 11434; the model is pulled after start. */
    OLLAMA("ollama", "ollama", "ollama/ollama:latest", 11434, "qwen2.5:0.5b",
            Duration.ofMinutes(10)),

    /** vLLM, serving {@code /v1} on port 8000; needs a GPU unless the image is a CPU build. */
    VLLM("vllm", "vllm", "vllm/vllm-openai:latest", 8000, "Qwen/Qwen2.5-0.5B-Instruct",
            // the image is large and the model is downloaded and compiled during startup
            Duration.ofMinutes(30)),

    /**
     * llama.cpp's {@code llama-server}, serving {@code /v1} on port 8080; the model is a GGUF
     * file on the host, mounted read-only.
     */
    LLAMACPP("llamacpp", "llama-cpp", "ghcr.io/ggml-org/llama.cpp:server", 8080,
            "./models/Qwen3-0.6B-Q8_0.gguf", Duration.ofMinutes(5));

    private final String id;
    private final String catalogId;
    private final String defaultImage;
    private final int port;
    private final String exampleModel;
    private final Duration defaultTimeout;

    ContainerKind(String id, String catalogId, String defaultImage, int port,
            String exampleModel, Duration defaultTimeout) {
        this.id = id;
        this.catalogId = catalogId;
        this.defaultImage = defaultImage;
        this.port = port;
        this.exampleModel = exampleModel;
        this.defaultTimeout = defaultTimeout;
    }

    /** Returns the name used on the command line. */
    public String id() {
        return id;
    }

    /** Returns the built-in provider the container stands for ({@code llama-cpp}, ...). */
    public String catalogId() {
        return catalogId;
    }

    /** Returns the image used when none is given. */
    public String defaultImage() {
        return defaultImage;
    }

    /** Returns the port the server listens on inside the container. */
    public int port() {
        return port;
    }

    /** Returns the path of the OpenAI-compatible API on the server, without a trailing slash. */
    public String basePath() {
        return "/v1";
    }

    /** Returns a startup budget that suits a small model on a typical machine. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** A small chat model to show in error messages. */
    String exampleModel() {
        return exampleModel;
    }

    /** Finds a kind by its command-line name, ignoring case. */
    public static Optional<ContainerKind> byId(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (ContainerKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
