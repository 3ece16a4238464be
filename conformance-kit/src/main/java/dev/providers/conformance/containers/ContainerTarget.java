package dev.providers.conformance.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A server running in a container, with a providers directory that points the engine at it.
 *
 * <pre>{@code
 * try (ContainerTarget target = ContainerTarget.start(ContainerSpec.parse("ollama"),
 *         "qwen2.5:0.5b", Duration.ofMinutes(10))) {
 *     // load target.providersDir(); talk to target.providerId() / target.modelId()
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@link #start} blocks until the server is ready; the accessors are safe from
 * any thread, and {@link #close()} may be called more than once.
 */
public final class ContainerTarget implements AutoCloseable {

    private final ContainerSpec spec;
    private final String providerId;
    private final String modelId;
    private final URI baseUrl;
    private final Path providersDir;
    private final AutoCloseable container;
    private final AtomicBoolean closed = new AtomicBoolean();

    ContainerTarget(ContainerSpec spec, String providerId, String modelId, URI baseUrl,
            Path providersDir, AutoCloseable container) {
        this.spec = spec;
        this.providerId = providerId;
        this.modelId = modelId;
        this.baseUrl = baseUrl;
        this.providersDir = providersDir;
        this.container = container;
    }

    /**
     * Starts the server, makes the model available and writes the provider file. The timeout
     * covers the wait for the server to answer and the model pull together; downloading the
     * image comes first and is bounded by Testcontainers' pull limits.
     *
     * @throws IllegalArgumentException if the model id is missing or invalid, or the timeout is
     *     not positive
     * @throws IllegalStateException if no Docker engine is reachable, or the server does not
     *     become ready, or the model cannot be pulled; the message says which, and the container
     *     is stopped
     */
    public static ContainerTarget start(ContainerSpec spec, String modelId, Duration timeout) {
        return start(spec, modelId, timeout, stop -> { });
    }

    /**
     * Starts the container like {@link #start(ContainerSpec, String, Duration)} and hands
     * {@code onCreated} a way to stop it as soon as it exists, before it is ready (for a shutdown
     * hook: Ctrl-C during a long start must not leave the container running).
     */
    public static ContainerTarget start(ContainerSpec spec, String modelId, Duration timeout,
            Consumer<Runnable> onCreated) {
        Objects.requireNonNull(spec, "spec");
        String model = spec.requireModel(modelId);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the startup timeout must be positive, was "
                    + timeout);
        }
        DockerCheck.Availability docker = DockerCheck.availability();
        if (!docker.available()) {
            throw new IllegalStateException("cannot start the " + spec + " container: "
                    + docker.reason());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean loopback = dockerHostIsLoopback();
        GenericContainer<?> container = ServerContainers.create(spec, model, timeout,
                System.getenv(), loopback, spec.kind() == ContainerKind.VLLM && hasNvidiaRuntime());
        onCreated.accept(container::stop);
        try {
            container.start();
        } catch (RuntimeException e) {
            String logs = ServerContainers.logTail(container);
            container.stop();
            throw new IllegalStateException("the " + spec + " container did not become ready for "
                    + model + ": " + causes(e) + (logs.isEmpty() ? ""
                    : "\nlast container log lines:\n" + logs), e);
        }
        Path directory = null;
        try {
            if (spec.kind() == ContainerKind.OLLAMA) {
                OllamaPull.pull(container, model, Duration.ofNanos(deadline - System.nanoTime()));
            }
            URI baseUrl = URI.create("http://" + host(container, loopback) + ":"
                    + container.getMappedPort(spec.kind().port()) + spec.kind().basePath());
            directory = Files.createTempDirectory("conformance-" + spec.kind().id() + "-");
            // a llama.cpp container serves its GGUF file under the file's name
            String served = spec.kind() == ContainerKind.LLAMACPP
                    ? ContainerSpec.servedName(model) : model;
            String providerId = ProviderFileWriter.write(spec.kind(), served, baseUrl,
                    directory);
            return new ContainerTarget(spec, providerId, served, baseUrl, directory, container);
        } catch (IOException | RuntimeException e) {
            container.stop();
            deleteQuietly(directory);
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(
                    "cannot prepare the " + spec + " container target: " + causes(e), e);
        }
    }

    /** Returns the directory holding the one generated provider file. */
    public Path providersDir() {
        return providersDir;
    }

    /** Returns the id of the generated provider (the server's built-in id, which it overrides). */
    public String providerId() {
        return providerId;
    }

    /** Returns the model the server serves. */
    public String modelId() {
        return modelId;
    }

    /** Returns the URL of the server's OpenAI-compatible API, as written in the provider file. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Returns the server and image that were started. */
    public ContainerSpec spec() {
        return spec;
    }

    /**
     * Stops the container and deletes the providers directory; later calls do nothing.
     *
     * @throws UncheckedIOException if the directory cannot be deleted (the container is stopped)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            container.close();
        } catch (Exception e) {
            // a container that will not stop is Ryuk's to reap; the directory still goes
        } finally {
            delete(providersDir);
        }
    }

    /** Returns e.g. {@code ollama:ollama/ollama:latest serving qwen2.5:0.5b at http://…/v1}. */
    @Override
    public String toString() {
        return spec + " serving " + modelId + " at " + baseUrl;
    }

    /**
     * Whether containers publish ports on this machine; then only 127.0.0.1 needs them. A remote
     * engine (DOCKER_HOST=tcp://…, Docker-in-Docker) must keep the default of all interfaces.
     */
    private static boolean dockerHostIsLoopback() {
        try {
            String host = DockerClientFactory.instance().dockerHostIpAddress();
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasNvidiaRuntime() {
        try {
            var runtimes = DockerClientFactory.instance().getInfo().getRuntimes();
            return runtimes != null && runtimes.containsKey("nvidia");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Literal 127.0.0.1 when bound there: 'localhost' may resolve to ::1, which is not bound. */
    private static String host(GenericContainer<?> container, boolean loopback) {
        String host = loopback ? "127.0.0.1" : container.getHost();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Joins the distinct messages of a cause chain: Testcontainers nests the useful one. */
    private static String causes(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable e = error; e != null; e = e.getCause()) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            if (!messages.contains(message)) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }

    private static void deleteQuietly(@Nullable Path directory) {
        if (directory != null) {
            try {
                delete(directory);
            } catch (UncheckedIOException e) {
                // the start failure is the error worth reporting
            }
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
