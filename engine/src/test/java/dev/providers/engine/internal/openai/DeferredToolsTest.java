package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.CacheRetention;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 19: the Kimi tool declaration follows Moonshot's message-level contract (role
 * {@code system}, a non-empty {@code tools} array of function definitions, no {@code content}
 * key), whatever other compat flags are on.
 */
class DeferredToolsTest {

    /** The declaration of {@code fetch_url}, byte for byte. */
    static final String FETCH_URL_DECLARATION = "{\"role\":\"system\",\"tools\":[{\"type\":"
            + "\"function\",\"function\":{\"name\":\"fetch_url\",\"description\":\"Fetch a URL\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}";

    @TempDir
    Path dir;

    private JsonNode body(String compat, Context context) {
        return RequestEncoder.encode(TestModels.load(dir, compat, TestModels.CHAT), context,
                StreamOptions.builder().cacheRetention(CacheRetention.LONG).build()).body();
    }

    /** Returns the messages that carry tools. */
    private static List<JsonNode> declarations(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        body.get("messages").forEach(m -> {
            if (m.has("tools")) {
                out.add(m);
            }
        });
        return out;
    }

    @Test
    void theDeclarationIsRoleAndToolsWithoutAnyContentKey() {
        List<JsonNode> found = declarations(body("{deferredToolsMode: kimi}",
                CompatFlagCases.deferredTools()));
        assertEquals(1, found.size());
        assertEquals(FETCH_URL_DECLARATION, WireJson.text(found.get(0)));
    }

    @Test
    void otherMessageShapesLeaveTheDeclarationAlone() {
        // merging, the single-system pass and Anthropic cache markers must not give it content
        JsonNode body = body("{deferredToolsMode: kimi, mergeSameRoleMessages: true, "
                + "singleSystemMessage: true, requiresUserFirstAlternation: true, "
                + "cacheControlFormat: anthropic}", CompatFlagCases.deferredTools());
        List<JsonNode> found = declarations(body);
        assertEquals(1, found.size());
        assertEquals(FETCH_URL_DECLARATION, WireJson.text(found.get(0)));
        assertEquals("system", WireJson.role(body.get("messages").get(0)));
        assertNotNull(body.get("messages").get(0).get("content"), "the real system prompt");
    }

    @Test
    void aGrammarToolIsDeclaredAsAFunction() {
        // Moonshot takes standard function definitions there; a custom tool would be rejected
        JsonNode body = body("{deferredToolsMode: kimi, supportsOpenAIGrammarTools: true}",
                CompatFlagCases.grammarAdded());
        JsonNode declared = declarations(body).get(0).get("tools");
        assertEquals(1, declared.size());
        assertEquals("function", declared.get(0).get("type").asText());
        assertEquals("run_sql", declared.get(0).at("/function/name").asText());
        assertEquals(ToolConverter.GRAMMAR_INPUT,
                declared.get(0).at("/function/parameters/required/0").asText());
    }
}
