package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerTargetTest {

    @TempDir
    Path temp;

    @Test
    void closeStopsTheContainerOnceAndDeletesTheDirectory() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("providers"));
        URI baseUrl = URI.create("http://127.0.0.1:40000/v1");
        String id = ProviderFileWriter.write(ContainerKind.OLLAMA, "qwen2.5:0.5b", baseUrl, dir);
        AtomicInteger stops = new AtomicInteger();
        ContainerTarget target = new ContainerTarget(ContainerSpec.parse("ollama"), id,
                "qwen2.5:0.5b", baseUrl, dir, stops::incrementAndGet);

        assertEquals(dir, target.providersDir());
        assertEquals("ollama", target.providerId());
        assertEquals("qwen2.5:0.5b", target.modelId());
        assertEquals(baseUrl, target.baseUrl());
        assertEquals("ollama:ollama/ollama:latest serving qwen2.5:0.5b at "
                + "http://127.0.0.1:40000/v1", target.toString());
        target.close();
        target.close();
        assertEquals(1, stops.get());
        assertFalse(Files.exists(dir));
    }

    @Test
    void directoryIsDeletedEvenWhenTheContainerFailsToStop() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("providers"));
        ContainerTarget target = new ContainerTarget(ContainerSpec.parse("vllm"), "vllm", "m",
                URI.create("http://127.0.0.1:40000/v1"), dir, () -> {
                    throw new IllegalStateException("engine gone");
                });

        target.close();
        assertFalse(Files.exists(dir));
    }

    @Test
    void startChecksItsArgumentsBeforeDocker() {
        ContainerSpec spec = ContainerSpec.parse("ollama");

        assertThrows(IllegalArgumentException.class,
                () -> ContainerTarget.start(spec, " ", Duration.ofMinutes(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerTarget.start(spec, "qwen2.5:0.5b", Duration.ZERO));
        assertEquals("the startup timeout must be positive, was PT0S", e.getMessage());
    }

    @Test
    void startWithoutDockerFailsWithTheReason() {
        DockerCheck.Availability docker = DockerCheck.availability();
        assumeFalse(docker.available(), "a Docker engine is reachable; this covers its absence");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ContainerTarget.start(ContainerSpec.parse("ollama"), "qwen2.5:0.5b",
                        Duration.ofMinutes(1)));
        assertEquals("cannot start the ollama:ollama/ollama:latest container: "
                + docker.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("Docker"), e.getMessage());
    }
}
