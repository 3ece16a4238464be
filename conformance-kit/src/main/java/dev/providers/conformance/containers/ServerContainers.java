package dev.providers.conformance.containers;

import com.github.dockerjava.api.model.DeviceRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Builds the (not yet started) container of each server kind: image, command, environment,
 * port binding and readiness check. Building needs no Docker engine.
 *
 * <p>Thread-safety: stateless.
 */
final class ServerContainers {

    /** Environment variables handed to vLLM for gated Hugging Face models, if the user set them. */
    private static final List<String> HF_TOKENS = List.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");

    /** vLLM's workers exchange tensors through /dev/shm; Docker's 64 MiB default is too small. */
    private static final long VLLM_SHM_BYTES = 4L << 30;

    private static final int LOG_TAIL_LINES = 20;

    private ServerContainers() { }

    /**
     * Returns the container for a spec.
     *
     * @param startupTimeout how long to wait for the server to answer once the container runs
     * @param environment the host environment, from which tokens are passed through
     * @param loopbackOnly whether to publish the port on the host's 127.0.0.1 only
     * @param gpus whether to request every GPU (vLLM only)
     */
    static GenericContainer<?> create(ContainerSpec spec, String modelId, Duration startupTimeout,
            Map<String, String> environment, boolean loopbackOnly, boolean gpus) {
        ContainerKind kind = spec.kind();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(spec.image()))
                .withExposedPorts(kind.port());
        if (loopbackOnly) {
            // "ip::port" publishes on a random host port of that address only; Testcontainers
            // still finds the mapped port
            container.setPortBindings(List.of("127.0.0.1::" + kind.port()));
        }
        switch (kind) {
            case OLLAMA -> container
                    .withEnv("OLLAMA_HOST", "0.0.0.0:" + kind.port())
                    .withEnv("OLLAMA_CONTEXT_LENGTH",
                            Integer.toString(ProviderFileWriter.OLLAMA_CONTEXT_LENGTH))
                    // keep the model loaded between tests; the default unloads it after 5 min
                    .withEnv("OLLAMA_KEEP_ALIVE", "-1")
                    .waitingFor(ready("/api/version", kind, startupTimeout));
            case VLLM -> {
                // set the entrypoint: older images start api_server (which wants --model),
                // newer ones 'vllm serve' (which wants the model positional)
                container.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("vllm", "serve"))
                        .withCommand(modelId, "--host", "0.0.0.0", "--port",
                                Integer.toString(kind.port()))
                        .withSharedMemorySize(VLLM_SHM_BYTES)
                        .waitingFor(ready("/health", kind, startupTimeout));
                for (String name : HF_TOKENS) {
                    String value = environment.get(name);
                    if (value != null && !value.isBlank()) {
                        container.withEnv(name, value);
                    }
                }
                if (gpus) {
                    container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                            .withDeviceRequests(List.of(new DeviceRequest().withCount(-1)
                                    .withCapabilities(List.of(List.of("gpu"))))));
                }
            }
            case LLAMACPP -> {
                // the official image's entrypoint is llama-server; the model comes from the host
                String file = Path.of(modelId).getFileName().toString();
                container.withFileSystemBind(modelId, "/models/" + file, BindMode.READ_ONLY)
                        .withCommand("-m", "/models/" + file, "--jinja",
                                "-c", Integer.toString(ProviderFileWriter.LLAMACPP_CONTEXT_LENGTH),
                                "--alias", ContainerSpec.servedName(modelId),
                                "--host", "0.0.0.0", "--port", Integer.toString(kind.port()))
                        .waitingFor(ready("/health", kind, startupTimeout));
            }
            default -> throw new IllegalStateException("no container recipe for " + kind);
        }
        return container;
    }

    /** Waits for {@code path} to answer 200, or for the container to exit, whichever first. */
    private static WaitStrategy ready(String path, ContainerKind kind, Duration timeout) {
        return new UntilReadyOrExited(() -> Wait.forHttp(path).forPort(kind.port())
                .forStatusCode(200), timeout);
    }

    /** Returns the container's last log lines, or "" when there are none or it never ran. */
    static String logTail(GenericContainer<?> container) {
        try {
            String[] lines = container.getLogs().split("\r?\n");
            return Arrays.stream(lines, Math.max(0, lines.length - LOG_TAIL_LINES), lines.length)
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "";
        }
    }
}
