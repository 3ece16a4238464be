package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.spi.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final Path SHIPPED = Path.of("..", "providers.d");
    private static final Path BROKEN = Path.of("..", "examples", "broken");

    @Test
    void theShippedCatalogIsValid() {
        CliRun run = CliRun.run("validate", SHIPPED.toString());
        assertEquals(0, run.exitCode(), run::all);
        assertTrue(run.out().startsWith("valid: "), run.out());
        assertTrue(run.out().endsWith(", 0 errors, 0 warnings\n"), run.out());
    }

    @Test
    void aFolderOfBrokenFilesPrintsOneLocatedLinePerProblem() {
        CliRun run = CliRun.run("validate", BROKEN.toString());
        assertEquals(1, run.exitCode());
        List<String> lines = Arrays.asList(run.out().split("\n"));
        assertEquals("invalid: 25 files, 25 errors, 1 warning", lines.get(lines.size() - 1));
        List<String> problems = lines.subList(0, lines.size() - 1);
        assertEquals(26, problems.size());
        for (String line : problems) {
            assertTrue(line.matches("\\Q" + BROKEN + "/\\E[a-z0-9-]+\\.ya?ml:\\d+:\\d+: "
                    + "(error|warning): .+"), line);
        }
        // every broken file is named: no file's problems hide another's
        for (String file : List.of("alias-bomb", "bad-base-url", "bad-header-name",
                "bad-secret", "duplicate-key", "duplicate-model-id", "duplicate-provider.yml",
                "empty", "header-crlf", "multiple-documents", "negative-cost", "no-models",
                "not-utf8", "oversize", "syntax-error", "unknown-key", "unknown-thinking-level",
                "wrong-type", "big-integer", "deep-nesting", "case-insensitive-pattern",
                "nbsp-model-id", "yaml11-boolean", "unknown-api")) {
            assertTrue(run.out().contains("/" + file), file);
        }
    }

    @Test
    void githubFormatPrintsWorkflowAnnotations() {
        CliRun run = CliRun.run("validate", "--format", "github",
                BROKEN.resolve("unknown-key.yaml").toString());
        assertEquals(1, run.exitCode());
        assertEquals("::error file=../examples/broken/unknown-key.yaml,line=3,col=1,"
                + "title=provider file::unknown property 'base_url'; did you mean 'baseUrl'?",
                run.out().split("\n")[0]);
    }

    @Test
    void aMisspeltApiIsLocatedAndAnswersWithTheKnownDialects() {
        Path file = BROKEN.resolve("unknown-api.yaml");
        CliRun run = CliRun.run("validate", file.toString());
        assertEquals(1, run.exitCode(), run::all);
        assertEquals(List.of(file + ":3:6: error: /api: unknown api 'bedrock-converse-steam'; "
                + "did you mean 'bedrock-converse-stream'? 'bedrock-converse-stream' is not "
                + "available in this engine yet: add its dialect as a JAR in extensions/ (the conformance CLI) or "
                + "on the class path (see README, 'Your own dialect'); known dialects: "
                + String.join(", ", new TreeSet<>(Dialects.ids())),
                "invalid: 1 file, 1 error, 0 warnings"), run.out().lines().toList());
        assertTrue(Dialects.ids().contains("openai-completions"));
    }

    @Test
    void githubAnnotationsEscapeTheirSeparators() {
        String annotation = DiagnosticPrinter.annotation(new dev.providers.engine.config.Diagnostic(
                dev.providers.engine.config.Diagnostic.Severity.WARNING, "a,b:c.yaml", 2, 3, "/x",
                "100% odd\nline", null, List.of()));
        assertEquals("::warning file=a%2Cb%3Ac.yaml,line=2,col=3,title=provider file::/x: "
                + "100%25 odd%0Aline", annotation);
    }

    @Test
    void jsonFormatIsOneDocument() throws Exception {
        CliRun run = CliRun.run("validate", "--format", "json", BROKEN.toString());
        assertEquals(1, run.exitCode());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(false, json.get("valid").asBoolean());
        assertEquals(25, json.get("errors").asInt());
        assertEquals(1, json.get("warnings").asInt());
        assertEquals(25, json.get("files").size());
        JsonNode first = json.get("diagnostics").get(0);
        assertEquals(BROKEN.resolve("alias-bomb.yaml").toString(), first.get("file").asText());
        assertEquals(2, first.get("line").asInt());
        JsonNode unknown = json.get("diagnostics").findParents("suggestions").stream()
                .filter(d -> d.get("suggestions").size() > 0 && d.has("schemaLocation"))
                .findFirst().orElseThrow();
        assertTrue(unknown.get("schemaLocation").asText().startsWith("provider.schema.json#"),
                unknown.toString());
    }

    @Test
    void defaultsToTheProvidersDirectoryFromTheEnvironment(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.yaml"), "id: x\nbaseUrl: http://h:1/v1\n"
                + "models: [{id: m}]\n");
        CliRun run = CliRun.run(Map.of("PROVIDERS_DIR", dir.toString()), "validate");
        assertEquals(0, run.exitCode(), run::all);
        assertEquals("valid: 1 file, 0 errors, 0 warnings\n", run.out());
        CliRun option = CliRun.run(Map.of("PROVIDERS_DIR", "/nowhere"), "validate",
                "--providers-dir", dir.toString());
        assertEquals(0, option.exitCode(), option::all);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, CliRun.run("validate", "/no/such/path").exitCode());
        assertEquals(2, CliRun.run("validate", "--format", "xml", SHIPPED.toString()).exitCode());
        assertEquals(2, CliRun.run("validate", "--no-such-option").exitCode());
        assertEquals(2, CliRun.run().exitCode());
        assertEquals(2, CliRun.run("frobnicate").exitCode());
    }
}
