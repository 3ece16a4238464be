package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.peer.LlamaServer;
import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conformance init} against the real llama-server: from the bare origin and from a
 * pasted chat-completions URL it finds {@code /v1}, reads the context size from
 * {@code GET /props}, writes a file that validates, and the PROTOCOL tier passes against it.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class InitAgainstLlamaServerTest {

    /** Not the default 4096, so that the written value can only have come from the server. */
    private static final int CONTEXT = 3072;

    @TempDir
    static Path dir;

    private static LlamaServer server;

    @BeforeAll
    static void start() throws IOException {
        Path model = TinyLlamaModel.write(Files.createDirectories(dir.resolve("model")));
        server = LlamaServer.builder(model).binary(LlamaServerExtension.binaryOrAbort())
                .contextSize(CONTEXT)
                .logFile(LlamaServerExtension.newLogFile("llama-server-init")).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v1/chat/completions"})
    void initWritesAFileThatValidatesAndPassesProtocol(String suffix) throws IOException {
        String origin = "http://127.0.0.1:" + server.port();
        Path providers = Files.createDirectories(dir.resolve("providers" + suffix.length()));
        CliRun run = CliRun.run("init", origin + suffix, "--write", providers.toString(),
                "--report-dir", dir.resolve("reports" + suffix.length()).toString());
        assertEquals(0, run.exitCode(), run::all);

        String id = "llama-cpp-" + server.port();
        Path file = providers.resolve(id + ".yaml");
        String yaml = Files.readString(file);
        LoadResult loaded = ProviderLoader.create().load(List.of(file));
        assertFalse(loaded.hasErrors(), loaded.diagnostics()::toString);
        ProviderSpec provider = loaded.registry().provider(id).orElseThrow();
        assertEquals(origin + "/v1", provider.baseUrl().toString(), yaml);
        assertEquals("openai-completions", provider.api(), yaml);
        ModelSpec model = provider.models().get(0);
        assertEquals(server.alias(), model.id(), yaml);
        assertEquals(server.contextSize(), (int) model.contextWindow(), yaml);
        assertEquals(CONTEXT, (int) model.contextWindow(), yaml);
        assertTrue(yaml.contains("# from GET /props: default_generation_settings.n_ctx"), yaml);
        // llama.cpp's Ollama-style "models" key next to "data" is not Gemini's list
        assertFalse(yaml.contains("thinking"), yaml);
        assertTrue(run.out().contains("GET " + origin + "/props -> HTTP 200, llama.cpp, n_ctx "
                + CONTEXT), run::all);
        assertTrue(run.out().contains("0 failed"), run::all);
        assertTrue(run.out().contains("./conformance --provider " + id), run::all);
    }
}
