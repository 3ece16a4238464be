package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numbers the records cannot hold are located errors, never a crash: {@code contextWindow:
 * 2147483648} used to throw "the provider schema and ProviderDocument disagree (a bug)" out of
 * {@code validate}, {@code list} and {@code chat}.
 */
class NumberRangesTest {

    private static final String HEAD = "id: p\nbaseUrl: http://h:1/v1\n";

    @TempDir
    Path dir;

    /** Every integer-typed key of both schemas, as a file with VALUE there, and its line. */
    static Stream<Arguments> integerKeys() {
        return Stream.of(
                Arguments.of("/maxRetries", HEAD + "maxRetries: VALUE\nmodels: [{id: m}]\n", 3),
                Arguments.of("/models/0/contextWindow",
                        HEAD + "models:\n  - id: m\n    contextWindow: VALUE\n", 5),
                Arguments.of("/models/0/maxTokens",
                        HEAD + "models:\n  - id: m\n    maxTokens: VALUE\n", 5),
                Arguments.of("/compat/toolCallIdFormat/maxLength", HEAD
                        + "compat:\n  toolCallIdFormat:\n    maxLength: VALUE\n"
                        + "models: [{id: m}]\n", 5),
                Arguments.of("/models/0/compat/toolCallIdFormat/exactLength", HEAD
                        + "models:\n  - id: m\n    compat:\n      toolCallIdFormat:\n"
                        + "        exactLength: VALUE\n", 7));
    }

    @ParameterizedTest
    @MethodSource("integerKeys")
    void integersBeyondTheirRangeAreLocatedErrors(String pointer, String template, int line) {
        for (String value : List.of("2147483648", "3000000000", "9223372036854775808",
                "-2147483649", "1e30", "1" + "0".repeat(60), "1" + "0".repeat(80))) {
            Path file = write(dir, "p.yaml", template.replace("VALUE", value));
            LoadResult result = ProviderLoader.withoutBuiltins().load(List.of(file));
            List<Diagnostic> errors = result.diagnostics().stream()
                    .filter(Diagnostic::isError).toList();
            assertEquals(1, errors.size(), value + ": " + errors);
            Diagnostic error = errors.get(0);
            assertEquals(line, error.line(), error::format);
            assertEquals(pointer, error.pointer(), error::format);
            assertTrue(result.registry().provider("p").isEmpty());
        }
    }

    @Test
    void theLargestTokenCountIsAccepted() {
        Path file = write(dir, "p.yaml", HEAD + "models:\n  - id: m\n"
                + "    contextWindow: 2147483647\n    maxTokens: 2147483647\n");
        LoadResult result = ProviderLoader.withoutBuiltins().load(List.of(file));
        assertEquals(List.of(), result.diagnostics());
        assertEquals(Integer.MAX_VALUE, result.registry().provider("p").orElseThrow().models()
                .get(0).contextWindow());
    }

    @Test
    void theOriginalReportIsOneLineNamingTheMaximum() {
        Path file = write(dir, "p.yaml", HEAD + "models:\n  - id: m\n"
                + "    contextWindow: 2147483648\n    maxTokens: 3000000000\n");
        LoadResult result = ProviderLoader.withoutBuiltins().load(List.of(file));
        assertEquals(List.of(file + ":5:20: error: /models/0/contextWindow: must be <= "
                + "2147483647, found 2147483648", file + ":6:16: error: /models/0/maxTokens: "
                + "must be <= 2147483647, found 3000000000", file + ":6:16: warning: "
                + "/models/0/maxTokens: maxTokens 3000000000 exceeds contextWindow 2147483648; "
                + "requests are clamped to the context window"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void numbersThatOverflowADoubleAreLocatedErrors() {
        Path file = write(dir, "p.yaml", HEAD + "maxRetryDelay: 1e400\n"
                + "models:\n  - id: m\n    cost: {input: -1e999, output: 2e308}\n");
        LoadResult result = ProviderLoader.withoutBuiltins().load(List.of(file));
        assertEquals(List.of(file + ":3:16: error: /maxRetryDelay: the number is out of range",
                file + ":6:19: error: /models/0/cost/input: the number is out of range",
                file + ":6:35: error: /models/0/cost/output: the number is out of range"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
    }

    /**
     * Every integer in the schemas has bounds an {@code int} holds, so the binder can never meet
     * a number the schema let through; a new integer key must join {@link #integerKeys()}.
     */
    @Test
    void everyIntegerKeyOfTheSchemasFitsAnInt() {
        TreeSet<String> found = new TreeSet<>();
        for (String file : List.of(SchemaCatalog.PROVIDER_SCHEMA,
                SchemaCatalog.OPENAI_COMPAT_SCHEMA)) {
            collectIntegers(SchemaCatalog.get().document(file), file + "#", found);
        }
        assertEquals(new TreeSet<>(List.of(
                "compat-openai-completions.schema.json#/properties/toolCallIdFormat/properties/"
                        + "exactLength",
                "compat-openai-completions.schema.json#/properties/toolCallIdFormat/properties/"
                        + "maxLength",
                "provider.schema.json#/$defs/tokenCount",
                "provider.schema.json#/properties/maxRetries")), found);
    }

    private static void collectIntegers(JsonNode schema, String path, TreeSet<String> found) {
        if (!schema.isObject()) {
            if (schema.isArray()) {
                for (int i = 0; i < schema.size(); i++) {
                    collectIntegers(schema.get(i), path + "/" + i, found);
                }
            }
            return;
        }
        List<String> types = new ArrayList<>();
        schema.path("type").forEach(t -> types.add(t.asText()));
        if (schema.path("type").isTextual()) {
            types.add(schema.path("type").asText());
        }
        if (types.contains("integer")) {
            found.add(path);
            assertTrue(schema.path("minimum").canConvertToInt(), path + " needs a minimum");
            assertTrue(schema.path("maximum").isIntegralNumber()
                    && schema.path("maximum").canConvertToInt(), path + " needs a maximum that "
                    + "an int holds");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            collectIntegers(e.getValue(), path + "/" + e.getKey(), found);
        }
    }
}
