package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on the built-in Gemini provider: its key header, flags and schema. */
class GeminiCliTest {

    @TempDir Path dir;

    @Test
    void listShowsTheDialectsKeyHeaderNeverTheKey() {
        CliRun run = CliRun.run(Map.of("GEMINI_API_KEY", "AIza-secret-value-123"), "list",
                "--providers-dir", dir.toString());
        assertEquals(0, run.exitCode(), run::all);
        assertTrue(run.out().contains("google (Google Gemini)  google-generative-ai  "
                + "https://generativelanguage.googleapis.com/v1beta\n"), run.out());
        assertTrue(run.out().contains("    auth: x-goog-api-key: ${GEMINI_API_KEY} (set)\n"),
                run.out());
        assertTrue(!run.all().contains("AIza-secret-value-123"), run.all());
    }

    @Test
    void explainShowsEveryGeminiFlagAndWhereItCameFrom() {
        CliRun run = CliRun.run("explain", "google/gemini-3-flash-preview", "--providers-dir",
                dir.toString());
        assertEquals(0, run.exitCode(), run::all);
        for (String flag : new String[] {"toolSchemaFormat", "sendToolCallIds",
            "fillMissingThoughtSignatures", "overflowPatterns", "contextPrecheck"}) {
            assertTrue(run.out().contains("  " + flag + " "), flag + ": " + run.out());
        }
        assertTrue(run.out().matches("(?s).*\\n  thinkingFormat +level +model "
                + "builtin:google\\.yaml:\\d+:\\d+\\n.*"), run.out());
    }

    @Test
    void theSchemaOfTheDialectIsPrintedAndDescribed() {
        CliRun schema = CliRun.run("schema", "--api", "google-generative-ai");
        assertEquals(0, schema.exitCode(), schema::all);
        assertTrue(schema.out().contains("\"$id\": \"https://providers.dev/schemas/"
                + "compat-google-generative-ai.schema.json\""), schema.out());
        CliRun described = CliRun.run("schema", "--describe-compat", "--api",
                "google-generative-ai");
        assertTrue(described.out().startsWith("toolSchemaFormat  (default: \"json-schema\")\n"),
                described.out());
    }
}
