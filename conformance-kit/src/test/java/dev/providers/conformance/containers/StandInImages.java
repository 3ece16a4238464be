package dev.providers.conformance.containers;

import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Local images for the container tests, built from the project's own llama-server (see
 * {@code peer/}) and tiny model, because no image registry is reachable where the tests run:
 * <ul>
 *   <li>{@link #llamaServer()}: llama.cpp's server as the official
 *       {@code ghcr.io/ggml-org/llama.cpp:server} image has it (entrypoint
 *       {@code /app/llama-server}, port 8080, the model mounted by the kit);
 *   <li>{@link #ollama()}: a stand-in with Ollama's container interface (the {@code ollama}
 *       command, {@code serve} on 11434, {@code /api/version}, {@code ollama pull});
 *   <li>{@link #vllm()}: a stand-in with vLLM's ({@code vllm serve MODEL --host --port},
 *       {@code /health}, port 8000).
 * </ul>
 * The stand-ins are shell scripts run by busybox (Debian's {@code busybox-static}); without it
 * their tests are skipped with the reason. Each image is a few tens of MB: the binary, the shared
 * libraries {@code ldd} lists, the model.
 */
final class StandInImages {

    /** The model the stand-ins serve (and the one {@code ollama pull} accepts). */
    static final String MODEL = "tiny-llama";

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+)\\s+\\(0x");

    private static String llamaServer;
    private static String ollama;
    private static String vllm;

    private StandInImages() { }

    /** Returns the image name of the llama-server image, building it on first use. */
    static synchronized String llamaServer() throws IOException {
        if (llamaServer == null) {
            llamaServer = build("providers-test/llama-server", List.of(), "");
        }
        return llamaServer;
    }

    /** Returns the Ollama stand-in, building it on first use; skips without busybox. */
    static synchronized String ollama() throws IOException {
        if (ollama == null) {
            ollama = build("providers-test/ollama-standin", List.of("ollama"),
                    "ENV STANDIN_MODEL=" + MODEL + "\nENTRYPOINT [\"/bin/ollama\"]\n"
                            + "CMD [\"serve\"]\n");
        }
        return ollama;
    }

    /** Returns the vLLM stand-in, building it on first use; skips without busybox. */
    static synchronized String vllm() throws IOException {
        if (vllm == null) {
            vllm = build("providers-test/vllm-standin", List.of("vllm"),
                    "ENTRYPOINT [\"/bin/vllm\"]\n");
        }
        return vllm;
    }

    /** Writes the tiny model into a directory, for a llama.cpp container to mount. */
    static Path model(Path dir) throws IOException {
        return TinyLlamaModel.write(dir);
    }

    private static String build(String name, List<String> scripts, String tail)
            throws IOException {
        if (!scripts.isEmpty()) {
            Assumptions.assumeTrue(Files.isRegularFile(BUSYBOX), "the " + name + " image needs "
                    + BUSYBOX + " (Debian's busybox-static) for its scripts");
        }
        Path binary = LlamaServerExtension.binaryOrAbort();
        Path context = Files.createTempDirectory("standin-image-");
        StringBuilder dockerfile = new StringBuilder("FROM scratch\n");
        copy(binary, context, "app/llama-server");
        dockerfile.append("COPY app/ /app/\n");
        for (Path library : libraries(binary)) {
            String inImage = library.toString().substring(1);
            copy(library, context, inImage);
        }
        dockerfile.append("COPY lib/ /lib/\nCOPY lib64/ /lib64/\n");
        copy(model(Files.createTempDirectory("standin-model-")).toRealPath(), context,
                "models/model.gguf");
        dockerfile.append("COPY models/ /models/\n");
        if (!scripts.isEmpty()) {
            // busybox runs as sh when called so; the scripts start with #!/bin/sh
            copy(BUSYBOX, context, "bin/sh");
            for (String script : scripts) {
                Path target = context.resolve("bin").resolve(script);
                try (var in = StandInImages.class.getResourceAsStream("/standins/" + script)) {
                    Files.write(target, in.readAllBytes());
                }
                target.toFile().setExecutable(true, false);
            }
            Path version = Files.createDirectories(context.resolve("public/api"))
                    .resolve("version");
            Files.writeString(version, "{\"version\":\"0.0.0-standin\"}");
            dockerfile.append("COPY bin/ /bin/\nCOPY public/ /public/\n");
            dockerfile.append("ENV PATH=/bin\n");
        } else {
            dockerfile.append("ENV LLAMA_ARG_HOST=0.0.0.0\nENTRYPOINT [\"/app/llama-server\"]\n");
        }
        dockerfile.append(tail);
        Files.writeString(context.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
        // the tests delete their images at the end of the JVM
        return new ImageFromDockerfile(name, true).withFileFromPath(".", context).get();
    }

    private static void copy(Path from, Path context, String to) throws IOException {
        Path target = context.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(from, target);
        target.toFile().setExecutable(Files.isExecutable(from), false);
    }

    /** Returns the shared libraries the dynamic loader resolves for the binary, and itself. */
    private static List<Path> libraries(Path binary) throws IOException {
        Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true)
                .start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!ldd.waitFor(30, TimeUnit.SECONDS) || ldd.exitValue() != 0) {
                throw new IOException("ldd " + binary + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ldd", e);
        }
        List<Path> libraries = new ArrayList<>();
        Matcher m = LIBRARY.matcher(output);
        while (m.find()) {
            // the path the loader resolves (a symlink, often): copied with its content
            libraries.add(Path.of(m.group(1)));
        }
        return libraries;
    }
}
