package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.providers.conformance.ConformanceMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * {@code conformance --container KIND:IMAGE} end to end through the command line, against real
 * containers of local images (see {@link StandInImages}): the container starts, the kit's
 * PROTOCOL tier runs against it, the container is gone afterwards. Skipped with the reason when
 * no Docker engine is reachable ({@link DockerCondition}).
 */
@Tag("containers")
@ExtendWith(DockerCondition.class)
class ContainersCliTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) { }

    private Run conformance(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ConformanceMain.run(args, new PrintWriter(out), new PrintWriter(err),
                Map.of("PROVIDERS_DIR", dir.resolve("providers.d").toString()));
        return new Run(code, out.toString(), err.toString());
    }

    /** Returns the containers of an image that exist now, running or not. */
    private static List<Container> containersOf(String image) {
        DockerClient docker = DockerClientFactory.instance().client();
        return docker.listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> image.equals(c.getImage()) || c.getImage().startsWith(image + ":")
                        || image.startsWith(c.getImage()))
                .toList();
    }

    @Test
    void llamaCppServesAGgufFileAndPassesTheProtocolTier() throws Exception {
        String image = StandInImages.llamaServer();
        Path model = StandInImages.model(dir.resolve("models"));

        Run run = conformance("--container", "llamacpp:" + image, "--container-model",
                model.toString(), "--report-dir", dir.resolve("reports").toString());

        // the catalog's llama-cpp entry at the container; the tiny model answers the PROTOCOL
        // tier as the real server does outside a container (KitAgainstLlamaServerTest)
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("llama-cpp/tiny-llama at http://"), run.out());
        assertTrue(run.out().contains("0 failed"), run.out());
        assertEquals(List.of(), containersOf(image), "a container was left behind");
    }

    @Test
    void theOllamaStandInIsPulledIntoAndTested() throws Exception {
        String image = StandInImages.ollama();

        Run run = conformance("--container", "ollama:" + image, "--container-model",
                StandInImages.MODEL, "--tests", "P01,P02,P03,P14",
                "--report-dir", dir.resolve("reports").toString());

        assertTrue(run.out().contains("ollama/" + StandInImages.MODEL + " at http://"),
                run.out() + run.err());
        assertTrue(run.out().contains(" 0 failed"), run.out());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), containersOf(image), "a container was left behind");
    }

    @Test
    void aModelOllamaCannotPullStopsTheRunWithOllamasMessage() throws Exception {
        String image = StandInImages.ollama();

        Run run = conformance("--container", "ollama:" + image, "--container-model",
                "no-such-model", "--report-dir", dir.resolve("reports").toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("'ollama pull no-such-model' failed (exit 1): Error: pull "
                + "model manifest: file does not exist"), run.err());
        assertEquals(List.of(), containersOf(image), "a container was left behind");
    }

    @Test
    void theVllmStandInTakesTheModelFromTheEntrypointArguments() throws Exception {
        String image = StandInImages.vllm();

        Run run = conformance("--container", "vllm:" + image, "--container-model",
                "Qwen/Tiny-Instruct", "--tests", "P01,P02,P03,P14",
                "--report-dir", dir.resolve("reports").toString());

        assertTrue(run.out().contains("vllm/Qwen/Tiny-Instruct at http://"),
                run.out() + run.err());
        assertTrue(run.out().contains(" 0 failed"), run.out());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), containersOf(image), "a container was left behind");
    }
}
