package dev.providers.conformance.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.testcontainers.utility.DockerImageName;

/**
 * Which server to start and from which image, as written on the command line: {@code ollama},
 * {@code vllm} or {@code llamacpp}, each alone or as {@code KIND:IMAGE}. The image may carry a
 * registry port and a tag ({@code ollama:ollama/ollama:0.5.7}): only the first colon separates.
 *
 * @param kind the server
 * @param image the container image, e.g. {@code ollama/ollama:latest}
 */
public record ContainerSpec(ContainerKind kind, String image) {

    /** Rejects an image that is not a valid Docker image reference. */
    public ContainerSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(image, "image");
        try {
            DockerImageName.parse(image).assertValid();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid image '" + image + "' for the " + kind.id()
                    + " container target: " + e.getMessage(), e);
        }
    }

    /** Returns the spec of a server with its default image. */
    public static ContainerSpec of(ContainerKind kind) {
        return new ContainerSpec(kind, kind.defaultImage());
    }

    /**
     * Parses {@code KIND} or {@code KIND:IMAGE}, where KIND is {@code ollama} or {@code vllm}
     * (any case).
     *
     * @throws IllegalArgumentException naming the bad part and the accepted forms
     */
    public static ContainerSpec parse(String target) {
        String text = target.strip();
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("expected a container target " + forms()
                    + ", was '" + target + "'");
        }
        ContainerKind kind = ContainerKind.byId(name).orElseThrow(() ->
                new IllegalArgumentException("unknown container target '" + name + "' in '"
                        + target + "'; expected " + forms()));
        if (colon < 0) {
            return of(kind);
        }
        String image = text.substring(colon + 1);
        if (image.isBlank()) {
            throw new IllegalArgumentException("missing image after '" + name + ":' in '" + target
                    + "'; write " + kind.id() + " for the default image (" + kind.defaultImage()
                    + ") or e.g. " + kind.id() + ":" + kind.defaultImage());
        }
        return new ContainerSpec(kind, image);
    }

    /**
     * Returns the model id to serve, checked, for callers whose model option is optional.
     *
     * @throws IllegalArgumentException if it is missing, blank, has whitespace or starts with
     *     '-' (the server would read it as an option)
     */
    public String requireModel(@Nullable String modelId) {
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("the " + kind.id() + " container target needs a "
                    + "model: pass --container-model, e.g. --container-model "
                    + kind.exampleModel() + " (" + switch (kind) {
                        case OLLAMA -> "pulled into the container when it starts)";
                        case VLLM -> "downloaded from Hugging Face when the server starts)";
                        case LLAMACPP -> "a GGUF file, mounted read-only into the container)";
                    });
        }
        if (kind == ContainerKind.LLAMACPP) {
            return ggufFile(modelId).toString();
        }
        if (modelId.chars().anyMatch(Character::isWhitespace) || modelId.startsWith("-")) {
            throw new IllegalArgumentException("invalid model id '" + modelId + "' for the "
                    + kind.id() + " container target: it must not contain whitespace or start "
                    + "with '-'");
        }
        return modelId;
    }

    /** Returns the model id a llama.cpp container serves a GGUF file as: its name, sans suffix. */
    public static String servedName(String ggufPath) {
        String name = Path.of(ggufPath).getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".gguf")
                ? name.substring(0, name.length() - 5) : name;
    }

    private Path ggufFile(String modelId) {
        Path file = Path.of(modelId).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the llamacpp container target serves a GGUF file "
                    + "from this machine: " + modelId + " is not a file");
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            throw new IllegalArgumentException("the llamacpp container target serves a GGUF file "
                    + "(*.gguf): " + modelId + " is not one");
        }
        String name = servedName(file.toString());
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)
                || name.startsWith("-")) {
            throw new IllegalArgumentException("the GGUF file's name becomes the model id: '"
                    + name + "' must not be empty, contain whitespace or start with '-'");
        }
        return file;
    }

    /** Returns {@code KIND:IMAGE}, which {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        return kind.id() + ":" + image;
    }

    private static String forms() {
        return Arrays.stream(ContainerKind.values()).map(ContainerKind::id)
                .map(id -> id + ", " + id + ":IMAGE").collect(Collectors.joining(", "));
    }
}
