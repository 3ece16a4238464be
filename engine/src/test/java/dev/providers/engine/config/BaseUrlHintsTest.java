package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A base URL copied with the endpoint at its end gets a located warning naming the fix. */
class BaseUrlHintsTest {

    @TempDir
    Path dir;

    private List<String> warnings(String api, String baseUrl) {
        write(dir, "p.yaml", "id: p\napi: " + api + "\nbaseUrl: " + baseUrl
                + "\nmodels: [{id: m}]\n");
        return ProviderLoader.withoutBuiltins().load(dir).diagnostics().stream()
                .map(Diagnostic::format).toList();
    }

    private String at(String message) {
        return dir.resolve("p.yaml") + ":3:10: warning: /baseUrl: " + message;
    }

    @Test
    void chatCompletionsAtTheEndIsNamedWithTheBaseUrlToUse() {
        assertEquals(List.of(at("baseUrl ends in /chat/completions; the engine appends that "
                + "itself: use https://api.example.com/v1")),
                warnings("openai-completions", "https://api.example.com/v1/chat/completions"));
        assertEquals(List.of(at("baseUrl ends in /chat/completions; the engine appends that "
                + "itself: use http://127.0.0.1:8080/v1")),
                warnings("openai-completions", "http://127.0.0.1:8080/v1/chat/completions/"));
    }

    @Test
    void everyDialectsEndpointIsRecognised() {
        assertEquals(List.of(at("baseUrl ends in /completions; the engine appends that itself: "
                + "use https://h.example.com/v1")),
                warnings("openai-completions", "https://h.example.com/v1/completions"));
        assertEquals(List.of(at("baseUrl ends in /responses; the engine appends that itself: "
                + "use https://h.example.com/v1")),
                warnings("openai-responses", "https://h.example.com/v1/responses"));
        assertEquals(List.of(at("baseUrl ends in /messages; the engine appends that itself: "
                + "use https://h.example.com/v1")),
                warnings("anthropic-messages", "https://h.example.com/v1/messages"));
        assertEquals(List.of(at("baseUrl ends in :streamGenerateContent; the engine appends "
                + "that itself: use https://generativelanguage.googleapis.com/v1beta")),
                warnings("google-generative-ai", "https://generativelanguage.googleapis.com"
                        + "/v1beta/models/gemini-2.5-flash:streamGenerateContent"));
    }

    @Test
    void anOrdinaryBaseUrlHasNoWarning() {
        assertEquals(List.of(), warnings("openai-completions", "https://h.example.com/v1"));
        assertEquals(List.of(), warnings("openai-completions",
                "https://h.example.com/openai/deployments/completions-model"));
    }
}
