package dev.providers.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.spi.Dialects;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every error class of a provider file, each in its own file of {@code examples/broken}, is
 * reported with its exact location and message, and all of them in a single load.
 */
class ErrorClassesTest {

    static final Path BROKEN = Path.of("..", "examples", "broken");

    @Test
    void reportsEveryProblemOfEveryFileInOneLoad() {
        LoadResult result = ProviderLoader.create().load(BROKEN);
        String dir = BROKEN.toString() + "/";
        List<String> expected = List.of(
                dir + "alias-bomb.yaml:2:32: error: the document expands to more than 200000 "
                        + "values through aliases; it looks like an alias bomb",
                dir + "bad-base-url.yaml:3:10: error: /baseUrl: must be an absolute http:// or "
                        + "https:// URL without whitespace or control characters",
                dir + "bad-header-name.yaml:5:3: error: /headers: 'X Team' is not a valid HTTP "
                        + "header name (an RFC 9110 token)",
                dir + "bad-secret.yaml:4:9: error: /apiKey: '${...}' at character 1 must name "
                        + "an environment variable ([A-Za-z_][A-Za-z0-9_]*)",
                dir + "big-integer.yaml:6:20: error: /models/0/contextWindow: must be <= "
                        + "2147483647, found 2147483648",
                dir + "case-insensitive-pattern.yaml:6:22: error: /compat/overflowPatterns/0: "
                        + "'(?i)' is not needed: overflow patterns always match "
                        + "case-insensitively (and inline flags are not ECMA-262 syntax); "
                        + "remove it",
                dir + "deep-nesting.yaml:8:93: error: collections nest deeper than 64 levels; "
                        + "provider files need a handful",
                dir + "duplicate-key.yaml:4:1: error: /baseUrl: duplicate key 'baseUrl' (first "
                        + "defined at line 3)",
                dir + "duplicate-model-id.yaml:7:9: error: /models/2/id: duplicate model id "
                        + "'qwen3:8b' (first declared at line 5)",
                dir + "duplicate-provider.yml:2:1: error: /id: provider id 'duplicate-provider' "
                        + "is also declared in " + dir + "duplicate-provider.yaml; each provider "
                        + "lives in exactly one file",
                dir + "empty.yaml:1:1: error: the file is empty; a provider file is a mapping "
                        + "with at least 'id'",
                dir + "header-crlf.yaml:5:11: error: /headers/X-Team: must not contain CR or LF "
                        + "characters",
                dir + "multiple-documents.yaml:5:1: error: a second YAML document starts here; "
                        + "a provider file holds exactly one",
                dir + "nbsp-model-id.yaml:6:9: error: /models/0/id: must be non-empty, "
                        + "without whitespace (U+00A0 and other Unicode spaces too) or control "
                        + "characters",
                dir + "negative-cost.yaml:6:33: error: /models/0/cost/output: must be >= 0, "
                        + "found -2",
                dir + "no-models.yaml:2:1: error: /id: provider 'no-models' declares no models, "
                        + "and no built-in provider has that id to take them from",
                dir + "not-utf8.yaml:3:10: error: invalid UTF-8 (byte 0xE9 at offset 63); "
                        + "provider files must be UTF-8",
                dir + "oversize.yaml:1:1: error: the file is larger than 1 MiB; provider files "
                        + "are small",
                dir + "syntax-error.yaml:4:1: error: syntax error: expected ',' or ']', but got "
                        + "<scalar> (while parsing a flow sequence at line 3)",
                dir + "unknown-api.yaml:3:6: error: /api: unknown api 'bedrock-converse-steam'; "
                        + "did you mean 'bedrock-converse-stream'? 'bedrock-converse-stream' is "
                        + "not available in this engine yet: add its dialect as a JAR in extensions/ (the "
                        + "conformance CLI) or on the class path (see README, 'Your own "
                        + "dialect'); known dialects: " + String.join(", ",
                                new TreeSet<>(Dialects.ids())),
                dir + "unknown-key.yaml:3:1: error: unknown property 'base_url'; did you mean "
                        + "'baseUrl'?",
                dir + "unknown-key.yaml:5:3: error: /compat: unknown property 'maxTokenField'; "
                        + "did you mean 'maxTokensField'?",
                dir + "unknown-thinking-level.yaml:9:7: error: /models/0/thinkingLevelMap: "
                        + "unknown property 'hgih'; did you mean 'high' or 'xhigh'?",
                dir + "wrong-type.yaml:6:20: error: /models/0/contextWindow: expected integer, "
                        + "found string",
                dir + "wrong-type.yaml:7:16: error: /models/0/reasoning: expected boolean, "
                        + "found string",
                dir + "yaml11-boolean.yaml:9:7: warning: /models/0/thinkingLevelMap/off: the "
                        + "key off is the boolean false to YAML 1.1 tools (PyYAML, go-yaml v2, "
                        + "SnakeYAML 1.x); quote it: 'off'");
        assertEquals(expected, result.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals(25, result.files().size());
        assertTrue(result.hasErrors());
    }

    @Test
    void keepsTheValidFilesOfABrokenDirectory() {
        LoadResult result = ProviderLoader.withoutBuiltins().load(BROKEN);
        // the first of two files with one id wins; a file with only warnings is served;
        // every other file is rejected
        assertEquals(List.of("duplicate-provider", "yaml11-boolean"), result.registry()
                .providers().stream()
                .map(p -> p.id()).toList());
        assertEquals("http://127.0.0.1:8080/v1", result.registry().provider("duplicate-provider")
                .orElseThrow().baseUrl().toString());
    }

    @Test
    void requireValidListsEveryDiagnostic() {
        LoadResult result = ProviderLoader.create().load(BROKEN);
        ProviderConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                ProviderConfigException.class, result::requireValid);
        assertTrue(e.getMessage().startsWith("invalid provider files (25 errors):"));
        assertEquals(result.diagnostics(), e.diagnostics());
        assertFalse(e.getMessage().contains("Exception"));
    }
}
