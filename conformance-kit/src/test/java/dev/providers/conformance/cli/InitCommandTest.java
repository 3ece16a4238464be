package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conformance init URL} against the reference server and canned local servers. */
class InitCommandTest {

    private static final String CHAT_OK = "{\"id\":\"c\",\"object\":\"chat.completion\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"H\"},"
            + "\"finish_reason\":\"length\"}]}";

    @TempDir
    Path dir;

    private static ProviderSpec load(Path file) {
        LoadResult result = ProviderLoader.create().load(List.of(file));
        assertFalse(result.hasErrors(), result.diagnostics()::toString);
        String id = file.getFileName().toString().replace(".yaml", "");
        return result.registry().provider(id).orElseThrow();
    }

    @Test
    void anthropicMessagesIsDetectedAndWritten() throws IOException {
        try (ReferenceServer server = ReferenceServer.start(Profile.ANTHROPIC, null)) {
            String url = "http://127.0.0.1:" + server.baseUrl().getPort();
            CliRun run = CliRun.run("init", url, "--write", dir.toString(), "--no-test",
                    "--id", "claude-like");
            assertEquals(0, run.exitCode(), run::all);
            assertTrue(run.out().contains("dialects answering: anthropic-messages"), run::all);
            String yaml = Files.readString(dir.resolve("claude-like.yaml"));
            assertTrue(yaml.startsWith("# yaml-language-server: $schema="), yaml);
            ProviderSpec provider = load(dir.resolve("claude-like.yaml"));
            assertEquals("anthropic-messages", provider.api());
            assertEquals(url + "/v1", provider.baseUrl().toString());
            assertEquals(Profile.DEFAULT_MODEL, provider.models().get(0).id());
            // Anthropic's list names each model
            assertTrue(yaml.contains("# from GET /v1/models: display_name"), yaml);
        }
    }

    @Test
    void geminiIsDetectedUnderV1betaWithItsLimits() throws IOException {
        try (ReferenceServer server = ReferenceServer.start(Profile.GEMINI, null)) {
            String url = "http://127.0.0.1:" + server.baseUrl().getPort();
            CliRun run = CliRun.run("init", url, "--write", dir.toString(), "--no-test",
                    "--id", "gem");
            assertEquals(0, run.exitCode(), run::all);
            ProviderSpec provider = load(dir.resolve("gem.yaml"));
            assertEquals("google-generative-ai", provider.api());
            assertEquals(url + "/v1beta", provider.baseUrl().toString());
            String yaml = Files.readString(dir.resolve("gem.yaml"));
            assertTrue(yaml.contains("# from GET /v1beta/models: inputTokenLimit"), yaml);
            ModelSpec model = provider.models().get(0);
            assertTrue(model.contextWindow() > 0, yaml);
        }
    }

    @Test
    void aServerThatWantsAKeyGetsApiKeyFromTheVariable() throws IOException {
        String key = "sk-init-secret-0123456789abcdef";
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, key)) {
            String url = "http://127.0.0.1:" + server.baseUrl().getPort();
            CliRun without = CliRun.run("init", url, "--write", dir.toString(), "--key-env",
                    "MY_LLM_KEY", "--id", "guarded");
            assertEquals(1, without.exitCode(), without::all);
            String yaml = Files.readString(dir.resolve("guarded.yaml"));
            assertTrue(yaml.contains("apiKey: ${MY_LLM_KEY}"), yaml);
            assertTrue(without.out().contains("export MY_LLM_KEY="), without::all);
            assertTrue(without.out().contains("HTTP 401"), without::all);
            load(dir.resolve("guarded.yaml"));

            // with the key exported the models are listed (the suite's engine reads the
            // process environment, which a test cannot set: the PROTOCOL run is tested below)
            CliRun with = CliRun.run(Map.of("MY_LLM_KEY", key), "init", url + "/v1",
                    "--write", dir.toString(), "--key-env", "MY_LLM_KEY", "--id", "guarded",
                    "--force", "--no-test");
            assertEquals(0, with.exitCode(), with::all);
            String written = Files.readString(dir.resolve("guarded.yaml"));
            assertTrue(written.contains("apiKey: ${MY_LLM_KEY}"), written);
            assertTrue(load(dir.resolve("guarded.yaml")).models().size() >= 1, written);
            assertFalse(written.contains(key), written);
            assertFalse(with.all().contains(key), with::all);
            assertTrue(with.out().contains("./conformance --provider guarded"), with::all);
        }
    }

    @Test
    void theWrittenFilePassesTheProtocolTierOfAConformantServer() throws IOException {
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, null)) {
            String url = "http://127.0.0.1:" + server.baseUrl().getPort() + "/";
            CliRun run = CliRun.run("init", url, "--write", dir.toString(), "--id", "ref",
                    "--report-dir", dir.resolve("reports").toString());
            assertEquals(0, run.exitCode(), run::all);
            assertTrue(run.out().contains("running the PROTOCOL tier against ref"), run::all);
            assertTrue(run.out().contains("0 failed"), run::all);
            assertEquals("openai-completions", load(dir.resolve("ref.yaml")).api());
        }
    }

    @Test
    void nothingFoundExitsTwoWithEveryProbe() throws IOException {
        try (CannedServer server = new CannedServer(Map.of())) {
            CliRun run = CliRun.run("init", server.url() + "/api", "--write",
                    dir.toString());
            assertEquals(2, run.exitCode(), run::all);
            assertTrue(run.err().contains("GET " + server.url() + "/api/v1/models -> HTTP 404"),
                    run::all);
            assertTrue(run.err().contains("GET " + server.url() + "/api/models -> HTTP 404"),
                    run::all);
            assertTrue(run.err().contains("nothing usable found"), run::all);
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void ollamaMetadataComesFromApiShow() throws IOException {
        // shapes of Ollama 0.12: /v1/models, /api/version and /api/show
        Map<String, String> answers = Map.of(
                "GET /v1/models", "{\"object\":\"list\",\"data\":[{\"id\":\"qwen3:8b\","
                        + "\"object\":\"model\",\"created\":1750000000,\"owned_by\":\"library\"},"
                        + "{\"id\":\"llava:7b\",\"object\":\"model\",\"created\":1750000000,"
                        + "\"owned_by\":\"library\"}]}",
                "GET /api/version", "{\"version\":\"0.12.3\"}",
                "POST /api/show", "{\"modelfile\":\"FROM qwen3\",\"details\":{\"family\":"
                        + "\"qwen3\"},\"model_info\":{\"general.architecture\":\"qwen3\","
                        + "\"qwen3.context_length\":40960},\"capabilities\":[\"completion\","
                        + "\"tools\",\"thinking\",\"vision\"]}",
                "POST /v1/chat/completions", CHAT_OK);
        try (CannedServer server = new CannedServer(answers)) {
            CliRun run = CliRun.run("init", server.url(), "--write", dir.toString(),
                    "--no-test");
            assertEquals(0, run.exitCode(), run::all);
            String port = server.url().substring(server.url().lastIndexOf(':') + 1);
            Path file = dir.resolve("ollama-" + port + ".yaml");
            String yaml = Files.readString(file);
            ModelSpec model = load(file).models().get(0);
            assertEquals("qwen3:8b", model.id());
            assertEquals(40960, (int) model.contextWindow());
            assertTrue(model.reasoning(), yaml);
            assertTrue(yaml.contains("# from POST /api/show: model_info.qwen3.context_length"),
                    yaml);
            assertTrue(yaml.contains("input: [text, image]") || yaml.contains("- image"), yaml);
            assertTrue(server.requests().contains("POST /api/show {\"model\":\"llava:7b\"}"),
                    server.requests()::toString);
        }
    }

    @Test
    void lmStudioMetadataComesFromApiV0Models() throws IOException {
        // shapes of LM Studio 0.3's REST API (beta): /api/v0/models
        Map<String, String> answers = Map.of(
                "GET /v1/models", "{\"data\":[{\"id\":\"qwen2-vl-7b-instruct\",\"object\":"
                        + "\"model\",\"owned_by\":\"organization_owner\"}],\"object\":\"list\"}",
                "GET /api/v0/models", "{\"object\":\"list\",\"data\":[{\"id\":"
                        + "\"qwen2-vl-7b-instruct\",\"object\":\"model\",\"type\":\"vlm\","
                        + "\"publisher\":\"mlx-community\",\"arch\":\"qwen2_vl\","
                        + "\"compatibility_type\":\"mlx\",\"quantization\":\"4bit\",\"state\":"
                        + "\"not-loaded\",\"max_context_length\":32768,\"capabilities\":"
                        + "[\"tool_use\"]}]}",
                "POST /v1/chat/completions", CHAT_OK);
        try (CannedServer server = new CannedServer(answers)) {
            CliRun run = CliRun.run("init", server.url() + "/v1/chat/completions", "--write",
                    dir.toString(), "--no-test", "--id", "studio");
            assertEquals(0, run.exitCode(), run::all);
            Path file = dir.resolve("studio.yaml");
            String yaml = Files.readString(file);
            ProviderSpec provider = load(file);
            assertEquals(server.url() + "/v1", provider.baseUrl().toString());
            ModelSpec model = provider.models().get(0);
            assertEquals(32768, (int) model.contextWindow());
            assertTrue(yaml.contains("# from GET /api/v0/models: max_context_length"), yaml);
            assertTrue(yaml.contains("# from GET /api/v0/models: type vlm"), yaml);
            assertTrue(yaml.contains("LM Studio at 127.0.0.1:"), yaml);
        }
    }

    @Test
    void anExistingFileIsNotOverwritten() throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), "id: mine\n");
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, null)) {
            CliRun run = CliRun.run("init", server.baseUrl().toString(), "--write",
                    dir.toString(), "--no-test", "--id", "mine");
            assertEquals(1, run.exitCode(), run::all);
            assertTrue(run.err().contains("exists; not overwritten (--force replaces it)"),
                    run::all);
            assertEquals("id: mine\n", Files.readString(dir.resolve("mine.yaml")));
        }
    }
}
