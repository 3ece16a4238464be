package dev.providers.conformance.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine is reachable, asked the way Testcontainers will use it, within a few
 * seconds. First a direct probe ({@code GET /_ping} on the socket or {@code DOCKER_HOST}, at
 * most 2.5 s, see {@link DockerProbe}): a daemon that does not answer, a socket this user may
 * not use or a black-holed address is reported at once, in one line. Only an engine that
 * answered is then handed to Testcontainers' own check, bounded too; when Testcontainers cannot
 * use an engine that answers (an API version it does not speak, say), the reason says so, with
 * the engine's version.
 *
 * <p>The kit ships slf4j-nop, which silences Testcontainers' "Could not find a valid Docker
 * environment" log, so these reasons are all a user sees. A negative answer is remembered for
 * the life of the JVM, as Testcontainers remembers its own.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class DockerCheck {

    /**
     * The answer of one check.
     *
     * @param available whether containers can be started
     * @param reason why not, in one line; empty when available
     */
    public record Availability(boolean available, String reason) { }

    /** The bound on Testcontainers' check, which runs only after the engine answered. */
    static final Duration TESTCONTAINERS_WAIT = Duration.ofSeconds(10);

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile @Nullable Availability unavailable;

    private DockerCheck() { }

    /** Returns whether a Docker engine is reachable, and if not, a one-line reason. */
    public static Availability availability() {
        Availability known = unavailable;
        if (known != null) {
            return known;
        }
        Availability answer = availability(System.getenv(), DEFAULT_SOCKET, DockerProbe.TIMEOUT,
                () -> DockerClientFactory.instance().isDockerAvailable(), TESTCONTAINERS_WAIT);
        if (!answer.available()) {
            unavailable = answer;
        }
        return answer;
    }

    /**
     * Probes the engine the environment names, then, if it answered or cannot be probed, asks
     * {@code testcontainers} within {@code maxWait}.
     */
    static Availability availability(Map<String, String> environment, Path socket,
            Duration probeTimeout, BooleanSupplier testcontainers, Duration maxWait) {
        DockerProbe.Result probe = DockerProbe.ping(environment, socket, probeTimeout);
        if (probe.outcome() == DockerProbe.Outcome.FAILED) {
            return new Availability(false, probe.reason());
        }
        CompletableFuture<Boolean> check = new CompletableFuture<>();
        // a daemon thread, so a hung check can neither hold the caller nor keep the JVM alive
        Thread thread = new Thread(() -> {
            try {
                check.complete(testcontainers.getAsBoolean());
            } catch (Throwable e) {
                check.completeExceptionally(e);
            }
        }, "docker-check");
        thread.setDaemon(true);
        thread.start();
        try {
            if (check.get(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Availability(true, "");
            }
            return new Availability(false, probe.outcome() == DockerProbe.Outcome.ANSWERED
                    ? unusable(probe, environment, socket, probeTimeout)
                    : reason(environment, socket));
        } catch (TimeoutException e) {
            return new Availability(false, "Testcontainers found no usable Docker engine within "
                    + maxWait.toSeconds() + " s (" + (probe.outcome()
                            == DockerProbe.Outcome.ANSWERED ? "the engine at " + probe.address()
                                    + " answers /_ping" : reason(environment, socket)) + ")");
        } catch (ExecutionException e) {
            return new Availability(false, "the Docker check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(false, "interrupted while looking for a Docker engine");
        }
    }

    /** Explains an engine that answers but that Testcontainers cannot use. */
    private static String unusable(DockerProbe.Result probe, Map<String, String> environment,
            Path socket, Duration timeout) {
        String version = version(DockerProbe.get(environment, socket, "/version", timeout));
        return "a Docker engine answers at " + probe.address() + (version.isEmpty() ? ""
                : " (" + version + ")") + ", but Testcontainers cannot use it (a Docker API "
                + "version it does not speak, or a configuration in ~/.testcontainers.properties?)";
    }

    /** Returns e.g. "Docker 29.0.1, API 1.52, minimum API 1.44", or empty. */
    static String version(@Nullable String json) {
        if (json == null) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(json);
            List<String> parts = new ArrayList<>();
            if (node.hasNonNull("Version")) {
                parts.add("Docker " + node.get("Version").asText());
            }
            if (node.hasNonNull("ApiVersion")) {
                parts.add("API " + node.get("ApiVersion").asText());
            }
            if (node.hasNonNull("MinAPIVersion")) {
                parts.add("minimum API " + node.get("MinAPIVersion").asText());
            }
            return String.join(", ", parts);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Explains a failed Testcontainers check from what it looks at first. Other sources
     * (~/.testcontainers.properties, Docker Desktop sockets) are rarer and not named.
     */
    static String reason(Map<String, String> environment, Path socket) {
        String host = environment.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return "no Docker engine answered at DOCKER_HOST=" + host.strip();
        }
        if (Files.exists(socket)) {
            return "no Docker engine answered on " + socket
                    + " (is the daemon running, and may this user use the socket?)";
        }
        return "no Docker engine found: " + socket + " does not exist and DOCKER_HOST is not set";
    }
}
