package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerSpecTest {

    @Test
    void kindAloneUsesTheDefaultImage() {
        assertEquals(new ContainerSpec(ContainerKind.OLLAMA, "ollama/ollama:latest"),
                ContainerSpec.parse("ollama"));
        assertEquals(new ContainerSpec(ContainerKind.VLLM, "vllm/vllm-openai:latest"),
                ContainerSpec.parse("vllm"));
        assertEquals(ContainerSpec.of(ContainerKind.VLLM), ContainerSpec.parse(" VLLM "));
    }

    @Test
    void onlyTheFirstColonSeparatesTheImage() {
        assertEquals(new ContainerSpec(ContainerKind.OLLAMA, "ollama/ollama:0.5.7"),
                ContainerSpec.parse("ollama:ollama/ollama:0.5.7"));
        assertEquals(new ContainerSpec(ContainerKind.VLLM, "registry.example:5000/vllm-cpu:v0.10"),
                ContainerSpec.parse("vllm:registry.example:5000/vllm-cpu:v0.10"));
        assertEquals(new ContainerSpec(ContainerKind.OLLAMA, "ollama/ollama"),
                ContainerSpec.parse("ollama:ollama/ollama"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "vllm", "ollama:ollama/ollama:0.5.7",
            "vllm:localhost:5000/vllm:cpu"})
    void toStringParsesBack(String target) {
        ContainerSpec spec = ContainerSpec.parse(target);
        assertEquals(spec, ContainerSpec.parse(spec.toString()));
    }

    @Test
    void unknownKindListsTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse("sglang:lmsysorg/sglang:latest"));
        assertEquals("unknown container target 'sglang' in 'sglang:lmsysorg/sglang:latest'; "
                + "expected ollama, ollama:IMAGE, vllm, vllm:IMAGE, llamacpp, llamacpp:IMAGE",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ":ollama/ollama"})
    void emptyKindIsRejected(String target) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse(target));
        assertTrue(e.getMessage().startsWith("expected a container target ollama, ollama:IMAGE"),
                e.getMessage());
    }

    @Test
    void emptyImageIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse("ollama: "));
        assertEquals("missing image after 'ollama:' in 'ollama: '; write ollama for the default "
                + "image (ollama/ollama:latest) or e.g. ollama:ollama/ollama:latest",
                e.getMessage());
    }

    @Test
    void invalidImageIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse("vllm:Not An Image"));
        assertTrue(e.getMessage().startsWith(
                "invalid image 'Not An Image' for the vllm container target: "), e.getMessage());
    }

    @Test
    void missingModelSaysHowToPassOne() {
        IllegalArgumentException ollama = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse("ollama").requireModel(null));
        assertEquals("the ollama container target needs a model: pass --container-model, "
                + "e.g. --container-model qwen2.5:0.5b (pulled into the container when it starts)", ollama.getMessage());
        IllegalArgumentException vllm = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse("vllm").requireModel(" "));
        assertEquals("the vllm container target needs a model: pass --container-model, e.g. "
                + "--container-model "
                + "Qwen/Qwen2.5-0.5B-Instruct (downloaded from Hugging Face when the server "
                + "starts)", vllm.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen 2.5", "--help", "a\tb"})
    void modelThatTheServerWouldMisreadIsRejected(String model) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.of(ContainerKind.OLLAMA).requireModel(model));
        assertTrue(e.getMessage().contains("must not contain whitespace or start with '-'"),
                e.getMessage());
    }

    @Test
    void validModelIsReturned() {
        assertEquals("Qwen/Qwen2.5-0.5B-Instruct",
                ContainerSpec.of(ContainerKind.VLLM).requireModel("Qwen/Qwen2.5-0.5B-Instruct"));
    }

    @Test
    void llamaCppServesAGgufFileOfThisMachineUnderItsName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("Qwen3-0.6B-Q8_0.gguf"), "GGUF");
        ContainerSpec spec = ContainerSpec.parse("llamacpp");

        assertEquals(ContainerKind.LLAMACPP, spec.kind());
        assertEquals("ghcr.io/ggml-org/llama.cpp:server", spec.image());
        assertEquals("llama-cpp", spec.kind().catalogId());
        assertEquals(file.toString(), spec.requireModel(file.toString()));
        assertEquals("Qwen3-0.6B-Q8_0", ContainerSpec.servedName(file.toString()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> spec.requireModel(dir.resolve("nope.gguf").toString()));
        assertTrue(missing.getMessage().contains("is not a file"), missing.getMessage());
        Path other = Files.writeString(dir.resolve("model.bin"), "x");
        IllegalArgumentException notGguf = assertThrows(IllegalArgumentException.class,
                () -> spec.requireModel(other.toString()));
        assertTrue(notGguf.getMessage().contains("(*.gguf)"), notGguf.getMessage());
    }
}
