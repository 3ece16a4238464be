package dev.providers.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code providers:validate} reports, without Maven around it. */
class ProviderFileCheckTest {

    private static final String VALID = """
            id: my-llm
            api: openai-completions
            baseUrl: http://vllm.internal:8000/v1
            models:
              - id: Qwen/Qwen3-8B
                contextWindow: 32768
            """;

    @TempDir
    Path project;

    @Test
    void anErrorIsLocatedInTheFileRelativeToTheBase() throws Exception {
        Path dir = Files.createDirectories(project.resolve("providers.d"));
        Files.writeString(dir.resolve("my-llm.yaml"), VALID.replace("32768", "lots"));

        ProviderFileCheck check = ProviderFileCheck.run(dir, true, project);

        assertEquals(1, check.errors());
        Diagnostic error = check.diagnostics().get(0);
        assertEquals("providers.d/my-llm.yaml", error.source());
        assertEquals(6, error.line());
        assertTrue(error.format().startsWith(
                "providers.d/my-llm.yaml:6:20: error: /models/0/contextWindow: "),
                error.format());
        assertEquals("1 file, 1 error, 0 warnings", check.summary());
    }

    @Test
    void aValidDirectoryHasNoProblems() throws Exception {
        Path dir = Files.createDirectories(project.resolve("providers.d"));
        Files.writeString(dir.resolve("my-llm.yaml"), VALID);

        ProviderFileCheck check = ProviderFileCheck.run(dir, true, project);

        assertEquals(List.of(), check.diagnostics());
        assertEquals("1 file, 0 errors, 0 warnings", check.summary());
    }

    @Test
    void aFileOutsideTheBaseKeepsItsAbsolutePath() throws Exception {
        Path dir = Files.createDirectories(project.resolve("providers.d"));
        Files.writeString(dir.resolve("my-llm.yaml"), VALID.replace("32768", "lots"));

        ProviderFileCheck check = ProviderFileCheck.run(dir, true,
                Files.createDirectories(project.resolve("elsewhere")));

        assertEquals(dir.resolve("my-llm.yaml").toAbsolutePath().toString(),
                check.diagnostics().get(0).source());
    }

    @Test
    void anAnnotationNamesTheLineAndEscapesWhatGitHubWouldSplit() {
        Diagnostic d = Diagnostic.error("providers.d/a,b.yaml", 9, 0, "/models/0",
                "50% of it\nwrong: here");

        assertEquals("::error file=providers.d/a%2Cb.yaml,line=9,col=1,title=provider file::"
                + "/models/0: 50%25 of it%0Awrong: here", GitHubAnnotation.of(d));
        assertEquals("::warning file=x.yaml,title=provider file::whole file",
                GitHubAnnotation.of(Diagnostic.warning("x.yaml", 0, 0, "", "whole file")));
    }

    @Test
    void annotationsAreOnInGitHubActionsOrWhenAskedFor() {
        assertTrue(GitHubAnnotation.enabled("auto", Map.of("GITHUB_ACTIONS", "true")));
        assertFalse(GitHubAnnotation.enabled("auto", Map.of()));
        assertTrue(GitHubAnnotation.enabled("true", Map.of()));
        assertFalse(GitHubAnnotation.enabled("false", Map.of("GITHUB_ACTIONS", "true")));
        assertThrows(IllegalArgumentException.class,
                () -> GitHubAnnotation.enabled("yes", Map.of()));
    }

    @Test
    void theLogGetsWholeLinesAndNoLineGrowsWithoutBound() {
        List<String> lines = new ArrayList<>();
        LineLog log = new LineLog(lines::add);
        log.write("one\r\ntw".toCharArray(), 0, 7);
        log.write("o\n".toCharArray(), 0, 2);
        char[] endless = new char[LineLog.MAX_LINE + 5];
        java.util.Arrays.fill(endless, 'x');
        log.write(endless, 0, endless.length);
        log.close();

        assertEquals(List.of("one", "two"), lines.subList(0, 2));
        assertEquals(LineLog.MAX_LINE, lines.get(2).length());
        assertEquals("xxxxx", lines.get(3));
        assertEquals(4, lines.size());
    }
}
