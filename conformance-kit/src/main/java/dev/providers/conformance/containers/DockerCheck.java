package dev.providers.conformance.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine is reachable, asked the way Testcontainers will use it.
 *
 * <p>Without an engine the first answer took 0.2 to 0.7 s on the build machine (1.6 s with a cold
 * disk cache) and prints nothing: the kit ships slf4j-nop, which silences Testcontainers'
 * "Could not find a valid Docker environment" log. Testcontainers remembers a failed probe for
 * the life of the JVM, so later calls take milliseconds.
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

    /**
     * The longest we wait for Testcontainers' probe; it has its own timeouts, but a DOCKER_HOST
     * on a black-holed address could otherwise hold a caller for minutes.
     */
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private DockerCheck() { }

    /** Returns whether a Docker engine is reachable, and if not, a one-line reason. */
    public static Availability availability() {
        return availability(MAX_WAIT);
    }

    static Availability availability(Duration maxWait) {
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        // a daemon thread, so a hung probe can neither hold the caller nor keep the JVM alive
        Thread thread = new Thread(() -> {
            try {
                probe.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable e) {
                probe.completeExceptionally(e);
            }
        }, "docker-check");
        thread.setDaemon(true);
        thread.start();
        try {
            if (probe.get(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Availability(true, "");
            }
            return new Availability(false, reason(System.getenv(), DEFAULT_SOCKET));
        } catch (TimeoutException e) {
            return new Availability(false, "no answer from a Docker engine within "
                    + maxWait.toSeconds() + " s (" + reason(System.getenv(), DEFAULT_SOCKET)
                    + ")");
        } catch (ExecutionException e) {
            return new Availability(false, "the Docker check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(false, "interrupted while looking for a Docker engine");
        }
    }

    /**
     * Explains a failed probe from what Testcontainers looks at first. Other sources
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
