package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct Docker probe against engines that misbehave, each started and stopped here. */
class DockerProbeTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final String PONG = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\nOK";
    private static final String BROKEN = "HTTP/1.1 500 Internal Server Error\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 19\r\nConnection: close\r\n\r\n"
            + "containerd is down\n";

    @TempDir
    Path dir;

    private DockerProbe.Result ping(Map<String, String> environment) {
        return DockerProbe.ping(environment, dir.resolve("default.sock"), SHORT);
    }

    @Test
    void aSocketThatNeverAnswersIsReportedAfterTheProbesTimeout() throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (FakeDockerEngine silent = FakeDockerEngine.unix(socket, null)) {
            DockerProbe.Result result = DockerProbe.ping(Map.of(), silent.socket(), SHORT);

            assertEquals(DockerProbe.Outcome.FAILED, result.outcome());
            assertEquals("no answer from a Docker engine at " + socket + " within 0.3 s (is the "
                    + "daemon running, and is the address reachable?)", result.reason());
        }
    }

    @Test
    void aTcpHostThatNeverAnswersIsReportedAfterTheProbesTimeout() throws Exception {
        try (FakeDockerEngine silent = FakeDockerEngine.tcp(null)) {
            DockerProbe.Result result = ping(Map.of("DOCKER_HOST", silent.dockerHost()));

            assertEquals(DockerProbe.Outcome.FAILED, result.outcome());
            assertTrue(result.reason().startsWith("no answer from a Docker engine at "
                    + "DOCKER_HOST=" + silent.dockerHost() + " within 0.3 s"), result::reason);
        }
    }

    @Test
    void anEngineAnswering500IsReportedWithItsStatusAndBody() throws Exception {
        try (FakeDockerEngine broken = FakeDockerEngine.tcp(BROKEN)) {
            DockerProbe.Result result = ping(Map.of("DOCKER_HOST", broken.dockerHost()));

            assertEquals(DockerProbe.Outcome.FAILED, result.outcome());
            assertEquals("the Docker engine at DOCKER_HOST=" + broken.dockerHost() + " answered "
                    + "GET /_ping with 500 Internal Server Error: containerd is down",
                    result.reason());
        }
    }

    @Test
    void anEngineAnsweringOkIsHandedOn() throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (FakeDockerEngine engine = FakeDockerEngine.unix(socket, PONG)) {
            DockerProbe.Result result = DockerProbe.ping(Map.of(), engine.socket(), SHORT);

            assertEquals(DockerProbe.Outcome.ANSWERED, result.outcome());
            assertEquals("", result.reason());
        }
        try (FakeDockerEngine engine = FakeDockerEngine.tcp(PONG)) {
            assertEquals(DockerProbe.Outcome.ANSWERED,
                    ping(Map.of("DOCKER_HOST", engine.dockerHost())).outcome());
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        DockerProbe.Result result = ping(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port));

        assertEquals(DockerProbe.Outcome.FAILED, result.outcome());
        assertEquals("no Docker engine listens at DOCKER_HOST=tcp://127.0.0.1:" + port
                + " (connection refused; is the daemon running?)", result.reason());
    }

    @Test
    void somethingThatIsNotAnEngineSaysSo() throws Exception {
        try (FakeDockerEngine ssh = FakeDockerEngine.tcp("SSH-2.0-OpenSSH_9.2\r\n")) {
            DockerProbe.Result result = ping(Map.of("DOCKER_HOST", ssh.dockerHost()));

            assertEquals("the address did not answer like a Docker engine: "
                    + "'SSH-2.0-OpenSSH_9.2'", result.reason());
        }
    }

    @Test
    void missingSocketsAndAddressesItCannotSpeakTo() throws Exception {
        DockerProbe.Result missing = ping(Map.of());
        assertEquals("no Docker engine found: " + dir.resolve("default.sock") + " does not exist "
                + "and DOCKER_HOST is not set", missing.reason());

        DockerProbe.Result gone = ping(Map.of("DOCKER_HOST", "unix://" + dir.resolve("x.sock")));
        assertEquals("no Docker engine found: DOCKER_HOST=unix://" + dir.resolve("x.sock")
                + " names a socket that does not exist", gone.reason());

        assertEquals(DockerProbe.Outcome.NOT_PROBED,
                ping(Map.of("DOCKER_HOST", "ssh://me@build-host")).outcome());
    }

    @Test
    void tlsAddressesAreOnlyConnectedTo() throws Exception {
        try (FakeDockerEngine silent = FakeDockerEngine.tcp(null)) {
            DockerProbe.Result result = ping(Map.of("DOCKER_HOST", silent.dockerHost(),
                    "DOCKER_TLS_VERIFY", "1"));

            assertEquals(DockerProbe.Outcome.REACHABLE, result.outcome());
        }
    }

    @Test
    void aSocketThisUserMayNotUseIsReportedAsSuch() throws Exception {
        // root may use any socket, so only another user can see this refusal
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root may use every socket");
        Path socket = dir.resolve("docker.sock");
        try (FakeDockerEngine engine = FakeDockerEngine.unix(socket, PONG)) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("---------"));
            DockerProbe.Result result = DockerProbe.ping(Map.of(), engine.socket(), SHORT);

            assertEquals("permission denied on " + socket + " (may this user use the Docker "
                    + "socket? e.g. add it to the docker group)", result.reason());
        }
    }

    @Test
    void theCheckStopsAtAFailedProbeWithoutAskingTestcontainers() throws Exception {
        AtomicBoolean asked = new AtomicBoolean();
        try (FakeDockerEngine broken = FakeDockerEngine.tcp(BROKEN)) {
            DockerCheck.Availability availability = DockerCheck.availability(
                    Map.of("DOCKER_HOST", broken.dockerHost()), dir.resolve("none.sock"), SHORT,
                    () -> asked.getAndSet(true), Duration.ofSeconds(10));

            assertFalse(availability.available());
            assertTrue(availability.reason().contains("answered GET /_ping with 500"),
                    availability::reason);
            assertFalse(asked.get(), "Testcontainers was not asked");
        }
    }

    @Test
    void anEngineThatAnswersButTestcontainersRejectsIsNamedWithItsVersion() throws Exception {
        String version = "{\"Version\":\"29.0.1\",\"ApiVersion\":\"1.52\","
                + "\"MinAPIVersion\":\"1.44\"}";
        String ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close"
                + "\r\n\r\n" + version;
        try (FakeDockerEngine engine = FakeDockerEngine.tcp(ok)) {
            DockerCheck.Availability availability = DockerCheck.availability(
                    Map.of("DOCKER_HOST", engine.dockerHost()), dir.resolve("none.sock"), SHORT,
                    () -> false, Duration.ofSeconds(10));

            assertFalse(availability.available());
            assertEquals("a Docker engine answers at DOCKER_HOST=" + engine.dockerHost()
                    + " (Docker 29.0.1, API 1.52, minimum API 1.44), but Testcontainers cannot "
                    + "use it (a Docker API version it does not speak, or a configuration in "
                    + "~/.testcontainers.properties?)", availability.reason());
        }
    }

    @Test
    void aTestcontainersCheckThatHangsIsBounded() throws Exception {
        try (FakeDockerEngine engine = FakeDockerEngine.tcp(PONG)) {
            DockerCheck.Availability availability = DockerCheck.availability(
                    Map.of("DOCKER_HOST", engine.dockerHost()), dir.resolve("none.sock"), SHORT,
                    () -> {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return true;
                    }, Duration.ofMillis(200));

            assertFalse(availability.available());
            assertTrue(availability.reason().startsWith("Testcontainers found no usable Docker "
                    + "engine within"), availability::reason);
        }
    }

    @Test
    void chunkedAnswersAreJoined() throws Exception {
        String chunked = "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        try (FakeDockerEngine engine = FakeDockerEngine.tcp(chunked)) {
            DockerProbe.Result result = ping(Map.of("DOCKER_HOST", engine.dockerHost()));
            assertTrue(result.reason().endsWith("with 500 Internal Server Error: hello world"),
                    result::reason);
        }
    }
}
