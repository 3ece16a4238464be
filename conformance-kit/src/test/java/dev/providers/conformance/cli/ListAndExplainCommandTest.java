package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListAndExplainCommandTest {

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("PROVIDERS_DIR", dir.toString(), "TEAM_KEY", "sk-team-0000");
    }

    private void writeFiles() throws Exception {
        Files.writeString(dir.resolve("ollama.yaml"), "id: ollama\nbaseUrl: http://gpu:11434/v1\n");
        Files.writeString(dir.resolve("team.yaml"), """
                id: team
                name: Team gateway
                baseUrl: https://llm.internal/v1
                apiKey: ${TEAM_KEY}
                authHeader: true
                compat:
                  supportsDeveloperRole: true
                models:
                  - id: big
                    contextWindow: 131072
                    maxTokens: 8192
                    reasoning: true
                    input: [text, image]
                    cost: {input: 1.25, output: 10}
                    compat:
                      maxTokensField: max_completion_tokens
                """);
    }

    @Test
    void listShowsSourcesOverridesAndSecretReferences() throws Exception {
        writeFiles();
        CliRun run = CliRun.run(env(), "list");
        assertEquals(0, run.exitCode(), run::all);
        String out = run.out();
        assertTrue(out.contains("team (Team gateway)  openai-completions  "
                + "https://llm.internal/v1\n"), out);
        assertTrue(out.contains("    source: " + dir.resolve("team.yaml") + ":1:1\n"), out);
        assertTrue(out.contains("    auth: apiKey: ${TEAM_KEY} (set)\n"), out);
        assertTrue(out.contains("    - big  context 131072, max output 8192, input text+image, "
                + "reasoning, $/Mtok in 1.25 out 10 cache r/w 0/0\n"), out);
        assertTrue(out.contains("    source: " + dir.resolve("ollama.yaml")
                + ":1:1  (overrides builtin:ollama.yaml)\n"), out);
        assertTrue(out.matches("(?s).*\\n\\d+ providers, \\d+ models; 1 built-ins overridden, "
                + "0 disabled\\n"), out);
    }

    @Test
    void listAsJson() throws Exception {
        writeFiles();
        CliRun run = CliRun.run(env(), "list", "--format", "json");
        assertEquals(0, run.exitCode(), run::all);
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode team = null;
        for (JsonNode p : json.get("providers")) {
            if (p.get("id").asText().equals("team")) {
                team = p;
            }
        }
        assertEquals("${TEAM_KEY} (set)", team.get("auth").get("apiKey").asText());
        assertEquals(131072, team.get("models").get(0).get("contextWindow").asInt());
        String overrides = json.get("providers").findParents("overrides").stream()
                .filter(p -> !p.get("overrides").isNull()).findFirst().orElseThrow()
                .get("overrides").asText();
        assertTrue(overrides.startsWith("builtin:ollama.yaml:"), overrides);
    }

    @Test
    void listStillListsTheValidFilesWhenOneIsBroken() throws Exception {
        writeFiles();
        Files.writeString(dir.resolve("broken.yaml"), "id: broken\nbaseUrl: nope\n");
        CliRun run = CliRun.run(env(), "list");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("broken.yaml:2:10: error: /baseUrl: must be an absolute"),
                run.err());
        assertTrue(run.out().contains("team (Team gateway)"));
    }

    @Test
    void aMissingDefaultDirectoryListsTheBuiltins() {
        CliRun run = CliRun.run(Map.of(), "list", "--providers-dir", dir.resolve("none")
                .toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no such directory"), run.err());
    }

    @Test
    void explainShowsEachFlagWithItsOrigin() throws Exception {
        writeFiles();
        CliRun run = CliRun.run(env(), "explain", "team/big");
        assertEquals(0, run.exitCode(), run::all);
        String file = dir.resolve("team.yaml").toString();
        assertTrue(run.out().lines().anyMatch(l -> l.matches(
                "  maxTokensField +max_completion_tokens +model \\Q" + file + "\\E:16:7")),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(
                "  supportsDeveloperRole +true +provider \\Q" + file + "\\E:7:3")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(
                "  supportsStore +false +default")), run.out());
    }

    @Test
    void explainRejectsUnknownModelsWithTheKnownOnes() throws Exception {
        writeFiles();
        CliRun run = CliRun.run(env(), "explain", "team/small");
        assertEquals(1, run.exitCode());
        assertEquals("conformance explain: unknown model 'small' for provider team; known: big\n",
                run.err());
        assertEquals(2, CliRun.run(env(), "explain", "nonsense").exitCode());
    }

    @Test
    void schemaPrintsTheBundledSchema() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(CliRun.run("schema").out());
        assertEquals("https://providers.dev/schemas/provider.schema.json",
                schema.get("$id").asText());
        assertTrue(CliRun.run("schema", "--describe-compat").out()
                .contains("supportsDeveloperRole  (default: false)\n"));
    }
}
