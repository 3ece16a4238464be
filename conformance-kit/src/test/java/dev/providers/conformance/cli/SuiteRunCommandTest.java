package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.containers.DockerCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conformance --provider …}: argument and target errors, and a run that selects none. */
class SuiteRunCommandTest {

    @TempDir
    Path dir;

    private Path providers;

    @BeforeEach
    void providerFile() throws Exception {
        providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("fake.yaml"), """
                id: fake
                baseUrl: http://127.0.0.1:9/v1
                models:
                  - id: first
                  - id: second
                """);
    }

    private CliRun run(String... args) {
        return CliRun.run(Map.of("PROVIDERS_DIR", providers.toString()), args);
    }

    @Test
    void anUnknownProviderIsAUsageErrorListingTheKnownOnes() {
        CliRun run = run("--provider", "fak");
        assertEquals(2, run.exitCode(), run::all);
        assertTrue(run.err().startsWith("conformance: unknown provider 'fak' (did you mean "
                + "'fake'?); known providers: "), run::all);
        assertTrue(run.err().contains("fake"), run::all);
        assertEquals("", run.out());
    }

    @Test
    void anUnknownModelIsAUsageErrorListingTheProvidersModels() {
        CliRun run = run("--provider", "fake", "--model", "third");
        assertEquals(2, run.exitCode(), run::all);
        assertEquals("conformance: unknown model 'third' for provider fake; known: first, "
                + "second\n", run.err());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CliRun tier = run("--provider", "fake", "--tier", "wire");
        assertEquals(2, tier.exitCode(), tier::all);
        assertTrue(tier.err().contains("Invalid value for option '--tier'"), tier::all);

        CliRun attempts = run("--provider", "fake", "--attempts", "0");
        assertEquals(2, attempts.exitCode(), attempts::all);
        assertTrue(attempts.err().startsWith("conformance: attempts must be at least 1; was 0"),
                attempts::all);

        CliRun tests = run("--provider", "fake", "--tests", ",");
        assertEquals(2, tests.exitCode(), tests::all);
        assertTrue(tests.err().contains("the test pattern ',' names no test"), tests::all);

        CliRun noModel = run("--container", "ollama");
        assertEquals(2, noModel.exitCode(), noModel::all);
        assertTrue(noModel.err().contains("needs a model: pass --container-model"),
                noModel::all);

        CliRun otherProvider = run("--provider", "fake", "--container", "ollama",
                "--container-model", "qwen2.5:0.5b");
        assertEquals(2, otherProvider.exitCode(), otherProvider::all);
        assertTrue(otherProvider.err().contains("tests provider 'ollama', not 'fake'"),
                otherProvider::all);

        CliRun demoProfile = run("--provider", "fake", "--demo-profile", "mistral");
        assertEquals(2, demoProfile.exitCode(), demoProfile::all);
        assertTrue(demoProfile.err().contains("need --provider demo"), demoProfile::all);

        CliRun nothing = run();
        assertEquals(2, nothing.exitCode());
        assertTrue(nothing.err().contains("Usage: conformance"), nothing::all);
    }

    @Test
    void invalidProviderFilesPrintTheirDiagnostics() throws Exception {
        Files.writeString(providers.resolve("broken.yaml"), "id: broken\nbaseUrl: 12\n");
        CliRun run = run("--provider", "fake");
        assertEquals(2, run.exitCode(), run::all);
        assertTrue(run.err().contains("broken.yaml:2:"), run::all);
        assertTrue(run.err().contains("invalid: "), run::all);
        assertTrue(run.err().endsWith("conformance: fix the provider files first\n"), run::all);

        CliRun missing = CliRun.run(Map.of(), "--provider", "fake", "--providers-dir",
                dir.resolve("absent").toString());
        assertEquals(2, missing.exitCode(), missing::all);
        assertTrue(missing.err().contains("no such directory"), missing::all);
    }

    @Test
    void theWrongKeyOfP14aMasksNoOrdinaryWordInWhatIsPrinted() throws Exception {
        // the kit masks every run of the characters of each key it sends; a wrong key spelled
        // "sk-conformance-wrong-key-..." used to turn this path into "***reports/demo"
        Path reports = dir.resolve("conformance-reports").resolve("demo");
        CliRun run = CliRun.run(Map.of(), "--provider", "demo", "--tests", "P14a",
                "--report-dir", reports.toString());
        assertEquals(0, run.exitCode(), run::all);
        assertTrue(run.out().endsWith("; reports in " + reports + "\n"), run::all);
        assertFalse(run.all().contains("***"), run::all);
    }

    @Test
    void aRunThatSelectsNoTestFailsAndStillWritesReports() throws Exception {
        Path reports = dir.resolve("reports");
        CliRun run = run("--provider", "fake", "--tests", "no-such-test", "--report-dir",
                reports.toString());
        assertEquals(1, run.exitCode(), run::all);
        assertTrue(run.out().startsWith("conformance suite, tier protocol: fake/first at "
                + "http://127.0.0.1:9/v1 (openai-completions), tests matching 'no-such-test'\n"
                + "cannot run the suite: no test matches --tests 'no-such-test' in tier "
                + "protocol\n"), run::all);
        assertTrue(run.out().contains("\n0 tests: 0 passed, 0 failed, 0 skipped (")
                && run.out().endsWith("; reports in " + reports + "\n"), run::all);
        assertTrue(Files.readString(reports.resolve("report.json"))
                .contains("\"setupError\" : \"no test matches"));
        assertTrue(Files.exists(reports.resolve("report.md")));
        assertFalse(Files.exists(reports.resolve("suggested-compat.yaml")));
    }

    @Test
    void noSecretReachesTheConsoleOrTheReports() throws Exception {
        String secret = "sk-literal-K3mV8nB1";
        Files.writeString(providers.resolve("keyed.yaml"), """
                id: keyed
                baseUrl: http://127.0.0.1:9/v1
                apiKey: %s
                authHeader: true
                headers:
                  X-Token: "Token ${RUN_KEY}"
                models: [{id: m}]
                """.formatted(secret));
        Path reports = dir.resolve("keyed-reports");
        CliRun run = CliRun.run(Map.of("PROVIDERS_DIR", providers.toString(), "RUN_KEY",
                "sk-env-7Hq2rLw9ZpX4"), "--provider", "keyed", "--tests", "none-at-all",
                "--report-dir", reports.toString());
        assertEquals(1, run.exitCode(), run::all);
        StringBuilder everything = new StringBuilder(run.all());
        try (var files = Files.walk(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                everything.append(Files.readString(file));
            }
        }
        assertFalse(everything.toString().contains(secret), everything::toString);
        assertFalse(everything.toString().contains("sk-env-"), everything::toString);
    }

    @Test
    void subcommandsStillTakeTheirOwnOptions() {
        CliRun list = run("list");
        assertEquals(0, list.exitCode(), list::all);
        assertTrue(list.out().contains("fake"), list::all);
        CliRun validate = run("validate");
        assertEquals(0, validate.exitCode(), validate::all);
    }

    @Test
    void aContainerWithoutADockerEngineIsAUsageErrorThatSaysSo() {
        DockerCheck.Availability docker = DockerCheck.availability();
        Assumptions.assumeFalse(docker.available(), "a Docker engine is present here");
        CliRun run = run("--container", "ollama", "--container-model", "qwen2.5:0.5b");
        assertEquals(2, run.exitCode(), run::all);
        assertTrue(run.err().contains("--container needs a Docker engine: " + docker.reason()),
                run::all);
    }
}
