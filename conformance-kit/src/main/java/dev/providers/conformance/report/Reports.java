package dev.providers.conformance.report;

import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteSecrets;
import dev.providers.conformance.redaction.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a run's reports next to the JUnit XML the launcher wrote: {@code report.json} (for
 * tools), {@code report.md} (for people) and, when a test suggested compat settings,
 * {@code suggested-compat.yaml}. Every file passes through the run's {@link Redactor} on its
 * way out, whatever the results already had redacted.
 */
public final class Reports {

    /** The file names, relative to the report directory. */
    static final String JSON = "report.json";
    static final String MARKDOWN = "report.md";
    static final String COMPAT = "suggested-compat.yaml";

    private Reports() { }

    /**
     * Writes the reports into {@code dir}, creating it, and returns the files written; a
     * {@code suggested-compat.yaml} left by an earlier run is deleted when this run suggests
     * nothing, so it never shows stale advice.
     *
     * @throws IOException when a file cannot be written
     */
    public static List<Path> write(SuiteResult result, Path dir) throws IOException {
        Redactor redactor = SuiteSecrets.redactor(result.run());
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(write(dir.resolve(JSON), JsonReport.render(result), redactor));
        written.add(write(dir.resolve(MARKDOWN), MarkdownReport.render(result), redactor));
        String yaml = CompatYaml.render(result);
        if (yaml != null) {
            written.add(write(dir.resolve(COMPAT), yaml, redactor));
        } else {
            Files.deleteIfExists(dir.resolve(COMPAT));
        }
        return written;
    }

    /** Returns the suggested compat settings as a YAML snippet, if the run suggested any. */
    public static Optional<String> compatSnippet(SuiteResult result) {
        return Optional.ofNullable(CompatYaml.render(result))
                .map(SuiteSecrets.redactor(result.run())::redact);
    }

    private static Path write(Path file, String text, Redactor redactor) throws IOException {
        return Files.writeString(file, redactor.redact(text), StandardCharsets.UTF_8);
    }
}
