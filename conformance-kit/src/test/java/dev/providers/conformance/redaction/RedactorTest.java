package dev.providers.conformance.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ProviderSpec;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactorTest {

    /** A key with characters every encoding changes: space, quote, slash, plus, ampersand. */
    private static final String KEY = "sk-a/b+c&d\"e f<g>ü";

    @Test
    void everyEncodedFormOfASecretIsMasked() {
        Redactor redactor = Redactor.of(List.of(KEY));
        List<String> forms = List.of(
                KEY,
                URLEncoder.encode(KEY, StandardCharsets.UTF_8),
                "sk-a%2Fb%2Bc%26d%22e%20f%3Cg%3E%C3%BC",
                "sk-a%2fb%2bc%26d%22e%20f%3cg%3e%c3%bc",
                "sk-a/b+c&d\\\"e f<g>ü",
                "sk-a\\/b+c&d\\\"e f<g>ü",
                "sk-a/b+c\\u0026d\\\"e f\\u003cg\\u003e\\u00fc",
                "sk-a/b+c&d\\\"e f<g>\\u00FC",
                "sk-a/b+c&amp;d\"e f&lt;g&gt;ü",
                "sk-a/b+c&amp;d&quot;e f&lt;g&gt;ü",
                // a JSON-escaped key inside a JUnit XML attribute
                "sk-a/b+c&amp;d\\&quot;e f&lt;g&gt;ü");
        for (String form : forms) {
            assertEquals("key=*** end", redactor.redact("key=" + form + " end"), form);
        }
    }

    @Test
    void aSecretInsideALongerTokenIsMaskedAndTheRestKept() {
        Redactor redactor = Redactor.of(List.of("sk-live-7Hq2"));
        assertEquals("token xx***yy, again ***", redactor.redact(
                "token xxsk-live-7Hq2yy, again sk-live-7Hq2"));
    }

    @Test
    void valuesShorterThanFourCharactersAreNotSecrets() {
        Redactor redactor = Redactor.of(List.of("on", "1", "   ", "abc", "abcd"));
        assertEquals("a text answer, 1 on abc, ***", redactor.redact(
                "a text answer, 1 on abc, abcd"));
        assertTrue(Redactor.of(List.of("abc")).isEmpty());
    }

    @Test
    void longerFormsWinOverShorterSecretsTheyContain() {
        Redactor redactor = Redactor.of(List.of("abcd", "xxabcdyy"));
        assertEquals("***", redactor.redact("xxabcdyy"));
        assertEquals("Redactor[2 forms]", redactor.toString());
    }

    @Test
    void aStreamingWriterHoldsBackOnlyWhatCouldBeginASecret() throws Exception {
        StringWriter console = new StringWriter();
        RedactingWriter writer = new RedactingWriter(console, Redactor.of(List.of("sk-12345")));
        writer.write("hello ");
        writer.flush();
        assertEquals("hello ", console.toString(), "text that cannot begin a secret goes out");
        writer.write("key sk-12");
        writer.flush();
        assertEquals("hello key ", console.toString(), "a possible beginning waits");
        writer.write("345 and sk-9");
        writer.flush();
        assertEquals("hello key *** and sk-9", console.toString());
        writer.write(" sk-1");
        writer.close();
        assertEquals("hello key *** and sk-9 sk-1", console.toString(), "close forwards all");
    }

    @Test
    void providerSecretsAreTheWholeValuesAndEachVariable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), """
                id: p
                baseUrl: https://api.example.com/v1
                apiKey: ${P_KEY}
                authHeader: true
                headers:
                  X-Token: "Token ${P_TOKEN}"
                  X-Team: ab
                queryParams:
                  key: literal-query-secret
                models:
                  - id: m
                    headers: {X-Model: model-secret}
                """);
        LoadResult loaded = ProviderLoader.create().load(dir);
        assertFalse(loaded.hasErrors(), loaded::toString);
        ProviderSpec provider = loaded.registry().provider("p").orElseThrow();
        Redactor redactor = ProviderSecrets.redactor(List.of(provider),
                Map.of("P_KEY", "env-key-value", "P_TOKEN", "tok-value")::get);
        String text = "env-key-value Token tok-value tok-value literal-query-secret "
                + "model-secret ab";
        assertEquals("*** *** *** *** *** ab", redactor.redact(text));
        assertFalse(redactor.toString().contains("env-key"));
    }
}
