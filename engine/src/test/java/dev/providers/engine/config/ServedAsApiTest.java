package dev.providers.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.spi.Dialects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pi's azure-openai-responses is this engine's openai-responses with Azure's request data. */
class ServedAsApiTest {

    @TempDir
    Path dir;

    @Test
    void azureOpenAiResponsesPointsAtOpenAiResponses() throws Exception {
        Path file = dir.resolve("azure.yaml");
        Files.writeString(file, """
                id: azure
                api: azure-openai-responses
                baseUrl: https://r.openai.azure.com/openai/v1
                models:
                  - id: m
                """, StandardCharsets.UTF_8);
        List<String> problems = ProviderLoader.withoutBuiltins().load(List.of(file))
                .diagnostics().stream().map(Diagnostic::format)
                .map(line -> line.substring(file.toString().length())).toList();
        assertEquals(List.of(":2:6: error: /api: api 'azure-openai-responses' is not a dialect "
                + "of this engine; did you mean 'openai-responses'? Azure's Responses API is "
                + "api: openai-responses with Azure's baseUrl "
                + "(https://<resource>.openai.azure.com/openai/v1) and its key in an api-key "
                + "header; the built-in provider azure-openai-responses is a template; known "
                + "dialects: " + String.join(", ", new TreeSet<>(Dialects.ids()))), problems);
    }
}
