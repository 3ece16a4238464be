package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCheckTest {

    @TempDir
    Path dir;

    @Test
    void answersWithAOneLineReason() {
        // the bound on the answer's time is the probe's own (DockerProbeTest); no clock here
        DockerCheck.Availability availability = DockerCheck.availability();

        if (availability.available()) {
            assertEquals("", availability.reason());
        } else {
            assertFalse(availability.reason().isBlank());
            assertFalse(availability.reason().contains("\n"), availability.reason());
        }
        // a negative answer is remembered
        assertEquals(availability.available(), DockerCheck.availability().available());
    }

    @Test
    void reasonNamesDockerHostWhenSet() {
        assertEquals("no Docker engine answered at DOCKER_HOST=tcp://10.0.0.9:2375",
                DockerCheck.reason(Map.of("DOCKER_HOST", " tcp://10.0.0.9:2375"),
                        dir.resolve("docker.sock")));
    }

    @Test
    void reasonNamesAMissingSocket() {
        Path socket = dir.resolve("docker.sock");

        assertEquals("no Docker engine found: " + socket + " does not exist and DOCKER_HOST is "
                + "not set", DockerCheck.reason(Map.of("DOCKER_HOST", ""), socket));
    }

    @Test
    void reasonSuspectsTheDaemonWhenTheSocketExists() throws IOException {
        Path socket = Files.createFile(dir.resolve("docker.sock"));

        assertEquals("no Docker engine answered on " + socket + " (is the daemon running, and "
                + "may this user use the socket?)", DockerCheck.reason(Map.of(), socket));
    }
}
