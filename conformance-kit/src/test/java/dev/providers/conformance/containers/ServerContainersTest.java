package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/** The container recipes; building a container needs no Docker engine. */
class ServerContainersTest {

    @Test
    void ollamaPublishesOnLoopbackAndFixesItsContext() {
        GenericContainer<?> container = ServerContainers.create(
                ContainerSpec.parse("ollama:ollama/ollama:0.5.7"), "qwen2.5:0.5b",
                Duration.ofMinutes(1), Map.of("HF_TOKEN", "secret"), true, true);

        assertEquals(List.of(11434), container.getExposedPorts());
        // Testcontainers renders an address-only binding (random host port) as ip:port/proto
        assertEquals(List.of("127.0.0.1:11434/tcp"), container.getPortBindings());
        assertEquals(Map.of("OLLAMA_HOST", "0.0.0.0:11434", "OLLAMA_CONTEXT_LENGTH", "4096",
                "OLLAMA_KEEP_ALIVE", "-1"), container.getEnvMap());
        assertArrayEquals(new String[0], container.getCommandParts());
    }

    @Test
    void vllmServesTheModelPositionallyAndPassesTheHuggingFaceToken() {
        GenericContainer<?> container = ServerContainers.create(ContainerSpec.parse("vllm"),
                "Qwen/Qwen2.5-0.5B-Instruct", Duration.ofMinutes(1),
                Map.of("HF_TOKEN", "hf_x", "HOME", "/root"), false, false);

        assertEquals(List.of(8000), container.getExposedPorts());
        assertEquals(List.of(), container.getPortBindings());
        assertArrayEquals(new String[] {"Qwen/Qwen2.5-0.5B-Instruct", "--host", "0.0.0.0",
                "--port", "8000"}, container.getCommandParts());
        assertEquals(Map.of("HF_TOKEN", "hf_x"), container.getEnvMap());
        assertFalse(container.getCreateContainerCmdModifiers().isEmpty());
    }
}
