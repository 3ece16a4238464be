package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.spi.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    private static final Path PI = Path.of("src", "test", "resources", "onboarding",
            "pi-models.json");
    private static final Path MODELS_DEV = Path.of("src", "test", "resources", "onboarding",
            "models-dev-api.json");
    /** Every literal secret of the pi sample: none may reach any output or file. */
    private static final List<String> LITERALS = List.of("sk-local-Zq8vN3xY7pLm",
            "sk-proj-SECRETliteral0123456789abcdef", "tok_Hx81kWm0aQ", "op://vault");

    @TempDir
    Path dir;

    private String files() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private void assertNoLiteralAnywhere(CliRun run) throws Exception {
        String everything = run.all() + files();
        for (String literal : LITERALS) {
            assertFalse(everything.contains(literal), literal);
        }
    }

    @Test
    void importsPisOpenAiCompletionsProvidersIntoFilesThatValidate() throws Exception {
        CliRun run = CliRun.run("import", PI.toString(), "--write", dir.toString(),
                "--only", "ollama,llama-server,openrouter");
        assertEquals(0, run.exitCode(), run::all);
        assertTrue(run.out().startsWith("wrote " + dir.resolve("ollama.yaml") + "\nwrote "
                + dir.resolve("llama-server.yaml") + "\nwrote " + dir.resolve("openrouter.yaml")
                + "\nvalid: 3 files\n"), run.out());
        assertEquals("", run.err());
        // a placeholder at a loopback address is dropped; a real literal becomes a variable
        String ollama = Files.readString(dir.resolve("ollama.yaml"));
        assertFalse(ollama.contains("apiKey"), ollama);
        assertTrue(run.out().contains("  ollama: apiKey = (a literal, not shown): a placeholder "
                + "for a local server that ignores keys"), run.out());
        assertTrue(run.out().contains("  ollama: compat.supportsEagerToolInputStreaming = true: "
                + "not a compat flag of openai-completions here"), run.out());
        String llama = Files.readString(dir.resolve("llama-server.yaml"));
        assertTrue(llama.contains("\napiKey: ${LLAMA_SERVER_API_KEY}\n"), llama);
        assertTrue(llama.contains("\nauthHeader: true\n"), llama);
        assertTrue(run.out().contains("to do:\n  export LLAMA_SERVER_API_KEY=<the key from pi's "
                + "models.json>\n"), run.out());
        String openrouter = Files.readString(dir.resolve("openrouter.yaml"));
        assertTrue(openrouter.contains("apiKey: ${OPENROUTER_API_KEY}"), openrouter);
        assertTrue(openrouter.contains("  X-Title: my app\n"), openrouter);
        assertTrue(openrouter.contains("  X-Team-Token: ${OPENROUTER_X_TEAM_TOKEN}\n"),
                openrouter);
        assertTrue(run.out().contains("  openrouter/anthropic/claude-sonnet-4: modelOverrides: "
                + "patches a model of pi's built-in catalog"), run.out());
        assertTrue(run.out().contains("  openrouter/anthropic/claude-3.5-sonnet: samplingParams "
                + "= {\"temperature\":0.2}: no equivalent in a provider file"), run.out());
        assertNoLiteralAnywhere(run);
    }

    @Test
    void importingEveryPiProviderWritesEachDialectAndFailsOnlyWhereNoDialectIsRegistered()
            throws Exception {
        CliRun run = CliRun.run("import", "pi", PI.toString(), "--write", dir.toString());
        boolean allDialects = Stream.of("anthropic-messages", "google-generative-ai",
                "openai-responses").allMatch(api -> Dialects.find(api).isPresent());
        // bedrock-converse-stream has no dialect here: reported and not written
        assertEquals(1, run.exitCode(), run::all);
        assertTrue(run.out().contains("  bedrock: not imported\n  bedrock: api = "
                + "bedrock-converse-stream: no such dialect in this engine"), run.out());
        assertFalse(Files.exists(dir.resolve("bedrock.yaml")));
        for (String id : List.of("ollama", "llama-server", "openrouter", "custom-proxy",
                "my-gemini", "responses-proxy")) {
            assertTrue(Files.exists(dir.resolve(id + ".yaml")), id);
        }
        assertEquals(allDialects, !run.out().contains("is not available in this engine"),
                run::all);
        String proxy = Files.readString(dir.resolve("custom-proxy.yaml"));
        assertTrue(proxy.contains("""
                # pi: api
                api: anthropic-messages
                # pi: baseUrl
                baseUrl: https://proxy.example.com/v1
                # pi ran a shell command for the key; export its output as CUSTOM_PROXY_API_KEY
                apiKey: ${CUSTOM_PROXY_API_KEY}
                # pi: authHeader true
                authHeader: true
                headers:
                  # pi: headers.x-portkey-api-key names the variable PORTKEY_API_KEY
                  x-portkey-api-key: ${PORTKEY_API_KEY}
                  # pi: headers.x-secret was a shell command; export its output as \
                CUSTOM_PROXY_X_SECRET
                  x-secret: ${CUSTOM_PROXY_X_SECRET}
                """), proxy);
        String gemini = Files.readString(dir.resolve("my-gemini.yaml"));
        assertTrue(gemini.contains("\napi: google-generative-ai\n"), gemini);
        assertTrue(gemini.contains("\napiKey: ${GEMINI_API_KEY}\n"), gemini);
        assertFalse(gemini.contains("authHeader"), gemini);
        assertTrue(gemini.contains("""
                    cost:
                      input: 1.25
                      output: 10
                      cacheRead: 0.31
                      cacheWrite: 0
                    contextWindow: 1048576
                """), gemini);
        String responses = Files.readString(dir.resolve("responses-proxy.yaml"));
        assertTrue(responses.contains("""
                apiKey: ${RESPONSES_PROXY_API_KEY}
                # pi sends the key as 'Authorization: Bearer' with openai-responses
                authHeader: true
                """), responses);
        assertNoLiteralAnywhere(run);
    }

    @Test
    void neverOverwritesAFileWithoutForce() throws Exception {
        Files.writeString(dir.resolve("ollama.yaml"), "id: ollama\nbaseUrl: http://gpu:11434/v1\n");
        CliRun run = CliRun.run("import", PI.toString(), "--write", dir.toString(),
                "--only", "ollama");
        assertEquals(1, run.exitCode(), run::all);
        assertTrue(run.err().contains(dir.resolve("ollama.yaml") + " exists; not overwritten "
                + "(--force replaces it)"), run.err());
        assertEquals("id: ollama\nbaseUrl: http://gpu:11434/v1\n",
                Files.readString(dir.resolve("ollama.yaml")));
        CliRun forced = CliRun.run("import", PI.toString(), "--write", dir.toString(),
                "--only", "ollama", "--force");
        assertEquals(0, forced.exitCode(), forced::all);
        assertTrue(Files.readString(dir.resolve("ollama.yaml")).startsWith(
                "# yaml-language-server: $schema="));
    }

    @Test
    void writesIntoTheProvidersDirectoryByDefault() throws Exception {
        CliRun run = CliRun.run(Map.of("PROVIDERS_DIR", dir.toString()), "import",
                PI.toString(), "--only", "openrouter");
        assertEquals(0, run.exitCode(), run::all);
        assertTrue(Files.exists(dir.resolve("openrouter.yaml")));
    }

    @Test
    void modelsDevWithoutOnlyListsTheProvidersAndExits2() {
        CliRun run = CliRun.run("import", "models.dev", MODELS_DEV.toString(), "--write",
                dir.toString());
        assertEquals(2, run.exitCode(), run::all);
        assertTrue(run.out().startsWith("chutes  Chutes (2 models, npm "
                + "@ai-sdk/openai-compatible)\ngroq  Groq (2 models, npm @ai-sdk/groq)\n"),
                run.out());
        assertTrue(run.err().contains("choose providers with --only ID,... (--only all "
                + "imports all 5)"), run.err());
    }

    @Test
    void modelsDevOpenAiCompatibleProvidersValidate() throws Exception {
        CliRun run = CliRun.run("import", "models.dev", MODELS_DEV.toString(), "--write",
                dir.toString(), "--only", "chutes,groq");
        assertEquals(0, run.exitCode(), run::all);
        assertTrue(run.out().contains("valid: 2 files\n"), run.out());
        String chutes = Files.readString(dir.resolve("chutes.yaml"));
        assertTrue(chutes.contains("""
                # models.dev: npm @ai-sdk/openai-compatible
                api: openai-completions
                # models.dev: api
                baseUrl: https://llm.chutes.ai/v1
                # models.dev: env[0]
                apiKey: ${CHUTES_API_KEY}
                """), chutes);
        assertTrue(chutes.contains("""
                  - id: deepseek-ai/DeepSeek-V3-0324
                    name: DeepSeek V3 (0324)
                    reasoning: false
                    input: [text]
                    # USD per 1M tokens, from models.dev: cost
                    cost:
                      input: 0.24
                      output: 0.84
                    # models.dev: limit.context
                    contextWindow: 163840
                    # models.dev: limit.output
                    maxTokens: 163840
                """), chutes);
        assertTrue(run.out().contains("  chutes/Qwen/Qwen3-235B-A22B-Thinking-2507: "
                + "cost.reasoning = 0.55: a provider file has flat prices only"), run.out());
        // groq is a built-in: the file overrides it and keeps its base URL and compat flags
        String groq = Files.readString(dir.resolve("groq.yaml"));
        assertFalse(groq.contains("baseUrl"), groq);
        assertTrue(groq.contains("overrides the built-in provider 'groq'"), groq);
        assertTrue(run.out().contains("  groq/whisper-large-v3: modalities.input = audio: a "
                + "provider file knows text and image inputs only"), run.out());
        assertTrue(run.out().contains("  groq/whisper-large-v3: tool_call = false"), run.out());
    }

    @Test
    void modelsDevMapsAnthropicAndGoogleAndReportsUnknownPackages() throws Exception {
        CliRun run = CliRun.run("import", "models.dev", MODELS_DEV.toString(), "--write",
                dir.toString(), "--only", "anthropic,google,amazon-bedrock");
        assertEquals(1, run.exitCode(), run::all);
        String anthropic = Files.readString(dir.resolve("anthropic.yaml"));
        assertTrue(anthropic.contains("\napi: anthropic-messages\n"), anthropic);
        // anthropic and google are built-ins: the files override them and keep their base URLs
        assertFalse(anthropic.contains("baseUrl"), anthropic);
        assertTrue(anthropic.contains("overrides the built-in provider 'anthropic'"), anthropic);
        assertTrue(anthropic.contains("\napiKey: ${ANTHROPIC_API_KEY}\n"), anthropic);
        assertFalse(anthropic.contains("authHeader"), anthropic);
        assertTrue(anthropic.contains("""
                    cost:
                      input: 3
                      output: 15
                      cacheRead: 0.3
                      cacheWrite: 3.75
                """), anthropic);
        String google = Files.readString(dir.resolve("google.yaml"));
        assertTrue(google.contains("\napi: google-generative-ai\n"), google);
        assertFalse(google.contains("baseUrl"), google);
        assertTrue(google.contains("overrides the built-in provider 'google'"), google);
        assertTrue(google.contains("    input: [text, image]\n"), google);
        assertTrue(run.out().contains("  google: env[1] = GEMINI_API_KEY: a provider file reads "
                + "one key"), run.out());
        assertTrue(run.out().contains("  google/gemini-2.5-flash: cost.input_audio = 1"),
                run.out());
        assertTrue(run.out().contains("  amazon-bedrock: npm = @ai-sdk/amazon-bedrock: no "
                + "dialect in this engine for this AI SDK package; provider not imported"),
                run.out());
        assertFalse(Files.exists(dir.resolve("amazon-bedrock.yaml")));
    }

    @Test
    void usageErrorsExit2WithALocatedMessage() throws Exception {
        assertEquals(2, CliRun.run("import", "models.dev", MODELS_DEV.toString(), "--only",
                "nope", "--write", dir.toString()).exitCode());
        assertEquals(2, CliRun.run("import", "litellm", PI.toString()).exitCode());
        assertEquals(2, CliRun.run("import", dir.resolve("missing.json").toString())
                .exitCode());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"providers\": {\n  \"x\": {\"apiKey\": sk-live-abc}}}");
        CliRun run = CliRun.run("import", broken.toString(), "--write", dir.toString());
        assertEquals(2, run.exitCode(), run::all);
        assertTrue(run.err().startsWith("conformance import: " + broken + ":2:"), run.err());
        assertFalse(run.all().contains("sk-live-abc"), run.err());
        CliRun wrongFormat = CliRun.run("import", MODELS_DEV.toString(), "--write",
                dir.toString());
        assertEquals(2, wrongFormat.exitCode());
        assertTrue(wrongFormat.err().contains("this looks like models.dev's api.json"),
                wrongFormat.err());
    }

    @Test
    void oddInputIsReportedNeverThrown() throws Exception {
        Path pi = dir.resolve("odd-pi.json");
        Files.writeString(pi, """
                {"providers": {
                  "broken": "not an object",
                  "odd": {"baseUrl": "http://127.0.0.1:9/v1", "apiKey": 42,
                          "headers": {"Bad Header": "x", "X-Line": "a\\nb"},
                          "models": ["x", {"id": "a b"}, {"id": "ok", "contextWindow": 0,
                                     "cost": {"input": 1e400, "output": -1},
                                     "thinkingLevelMap": {"ultra": "x", "low": ""}}]}
                }}
                """);
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("import", pi.toString(), "--write", out.toString());
        assertEquals(1, run.exitCode(), run::all);
        assertEquals("", run.err());
        for (String line : List.of("broken: not imported", "odd: headers.Bad Header: not an "
                + "HTTP header name", "odd: headers.X-Line = (not shown): holds a line break",
                "odd: models[].id = a b: missing or not a valid model id",
                "odd/ok: contextWindow = 0: a token count is 1 to 2147483647",
                "odd/ok: cost.input = ", "odd/ok: cost.output = -1: not a price >= 0",
                "odd/ok: thinkingLevelMap.ultra = x: not a thinking level here",
                "odd/ok: thinkingLevelMap.low: a wire value is a non-empty string or null",
                "odd: apiKey = (not shown): not a string")) {
            assertTrue(run.out().contains("  " + line), line + "\n" + run.out());
        }
        assertTrue(Files.readString(out.resolve("odd.yaml")).contains("  - id: ok\n"));
        Path dev = dir.resolve("odd-dev.json");
        Files.writeString(dev, """
                {"x": {"npm": "@ai-sdk/openai-compatible", "api": "http://127.0.0.1:9/v1",
                       "env": [7], "models": {"": {"name": "blank"},
                                              "m": {"limit": {"context": 1e12}}}}}
                """);
        CliRun devRun = CliRun.run("import", "models.dev", dev.toString(), "--only", "x",
                "--write", out.toString());
        assertEquals(0, devRun.exitCode(), devRun::all);
        assertTrue(devRun.out().contains("  x: env[0] = 7: not an environment variable name"),
                devRun.out());
        assertTrue(devRun.out().contains("  x/: id: not a valid model id"), devRun.out());
        assertTrue(devRun.out().contains("  x/m: limit.context = 1.0E12: a token count"),
                devRun.out());
    }
}
