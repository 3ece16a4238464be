package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Tier;
import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.onboarding.ProviderFileDraft;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fix} for a built-in provider: the suggestions go into a new override file in the
 * providers directory, which a second fix then edits in place. The suggestions are given (a
 * built-in's server is not reachable here); the re-run's verdict is not the point.
 */
class FixBuiltinTest {

    @TempDir
    Path dir;

    @Test
    void aBuiltInGetsAnOverrideFileThatASecondFixEdits() throws Exception {
        Path providers = dir.resolve("providers.d");
        ProviderSpec builtin = ProviderLoader.create().builtinProviders().get("llama-cpp");

        String first = fix(providers, "supportsDeveloperRole: false");
        Path file = providers.resolve("llama-cpp.yaml");
        assertTrue(first.contains("Created " + file + ":\n--- " + file + "\n+++ " + file
                + " (fixed)\n@@ -0,0 +1,7 @@\n+" + ProviderFileDraft.MODELINE + "\n"), first);
        assertEquals(ProviderFileDraft.MODELINE + """

                # Overrides the built-in provider 'llama-cpp' with the compat settings
                # `conformance --fix` found; the built-in's other settings still apply
                # (compat flags merge per name). Delete this file to undo.
                id: llama-cpp
                compat:
                  supportsDeveloperRole: false
                """, Files.readString(file));
        LoadResult loaded = ProviderLoader.create().load(providers);
        assertFalse(loaded.hasErrors(), loaded.diagnostics().toString());
        ProviderSpec merged = loaded.registry().provider("llama-cpp").orElseThrow();
        assertEquals(false, merged.compat().get("supportsDeveloperRole"));
        assertEquals(builtin.baseUrl(), merged.baseUrl());
        assertEquals(builtin.models().stream().map(ModelSpec::id).toList(),
                merged.models().stream().map(ModelSpec::id).toList());

        String second = fix(providers, "maxTokensField: max_tokens");
        assertTrue(second.contains("Edited " + file + ":"), second);
        assertTrue(Files.readString(file).endsWith("""
                compat:
                  supportsDeveloperRole: false
                  maxTokensField: max_tokens
                """), Files.readString(file));
    }

    /** Runs the fix of a run whose P01 suggested this setting; returns what it printed. */
    private String fix(Path providers, String suggestion) {
        SuiteRun run = SuiteRun.builder().provider("llama-cpp").tests("P01")
                .reportDir(dir.resolve("reports")).testTimeout(Duration.ofSeconds(10)).build();
        TestResult p01 = new TestResult("P01", "P01 basic text", "P01 a text answer", null,
                Tier.PROTOCOL, TestStatus.FAILED, Duration.ZERO, "400: refused", List.of(),
                List.of(), List.of(suggestion), null, null);
        SuiteResult result = new SuiteResult(run, null, null, null, Instant.now(),
                Duration.ZERO, List.of(p01), null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        new FixAction(SuiteExecutor.create(), new ExtensionOptions(), Map.of()).run(run, result,
                providers, new PrintWriter(out, true), new PrintWriter(err, true));
        return out + err.toString();
    }
}
