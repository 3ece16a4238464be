package dev.providers.engine.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The schemas document every key and close every object, as the editors and `explain` need. */
class SchemaDocsTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.get();

    @Test
    void everyPropertyHasADescription() {
        List<String> missing = new ArrayList<>();
        for (String file : List.of(SchemaCatalog.PROVIDER_SCHEMA,
                SchemaCatalog.OPENAI_COMPAT_SCHEMA)) {
            walk(CATALOG.document(file), file + "#", missing, new ArrayList<>());
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyObjectWithPropertiesForbidsOthers() {
        List<String> open = new ArrayList<>();
        for (String file : List.of(SchemaCatalog.PROVIDER_SCHEMA,
                SchemaCatalog.OPENAI_COMPAT_SCHEMA)) {
            walk(CATALOG.document(file), file + "#", new ArrayList<>(), open);
        }
        assertEquals(List.of(), open);
    }

    @Test
    void everyCompatFlagHasADefaultUnlessAbsenceIsItsDefault() {
        List<String> absentByDesign = List.of("cacheControlFormat", "deferredToolsMode",
                "openRouterRouting", "vercelGatewayRouting", "thinkTags");
        Map<String, JsonNode> flags = CATALOG.compatFlags("openai-completions");
        for (Map.Entry<String, JsonNode> flag : flags.entrySet()) {
            boolean hasDefault = flag.getValue().has("default");
            assertEquals(!absentByDesign.contains(flag.getKey()), hasDefault, flag.getKey());
        }
        // every flag named by the issue and docs/dialects/openai-completions.md §3.2 is declared
        for (String required : List.of("supportsStore", "supportsDeveloperRole",
                "supportsReasoningEffort", "supportsUsageInStreaming", "maxTokensField",
                "requiresToolResultName", "requiresAssistantAfterToolResult",
                "requiresThinkingAsText", "requiresReasoningContentOnAssistantMessages",
                "thinkingFormat", "cacheControlFormat", "supportsFinishReason",
                "chatTemplateKwargs", "chatTemplateArgs", "supportsLongCacheRetention",
                "supportsPromptCacheKey", "sendSessionAffinityHeaders", "sessionAffinityFormat",
                "supportsStrictMode", "supportsOpenAIGrammarTools", "zaiToolStream",
                "supportsThinkingTokenBudget", "deferredToolsMode", "openRouterRouting",
                "vercelGatewayRouting", "mergeSameRoleMessages", "singleSystemMessage",
                "requiresUserFirstAlternation")) {
            assertTrue(flags.containsKey(required), required);
        }
    }

    /**
     * Every pattern has a plain-language message, and uses only what Java and ECMA-262 read
     * alike: explicit character classes, never backslash-s, -d, -w, -b or -v or an unescaped
     * dot, whose meanings differ between the two, and no {@code (?} groups.
     */
    @Test
    void everyPatternIsPortableAndExplained() {
        Set<String> owners = new TreeSet<>();
        List<String> unportable = new ArrayList<>();
        for (String file : List.of(SchemaCatalog.PROVIDER_SCHEMA,
                SchemaCatalog.OPENAI_COMPAT_SCHEMA)) {
            collectPatterns(CATALOG.document(file), file + "#", owners, unportable);
        }
        assertEquals(new TreeSet<>(PatternMessages.locations()), owners);
        assertEquals(List.of(), unportable);
    }

    private static void collectPatterns(JsonNode schema, String path,
            Set<String> owners, List<String> unportable) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && pattern.isTextual()) {
            owners.add(path);
            String text = pattern.asText();
            if (!portable(text)) {
                unportable.add(path + ": " + text);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path + "/" + e.getKey();
            if (e.getKey().equals("propertyNames")) {
                owners.add(child);
                if (e.getValue().has("pattern")) {
                    String text = e.getValue().get("pattern").asText();
                    if (!portable(text)) {
                        unportable.add(child + ": " + text);
                    }
                }
                continue;
            }
            collectPatterns(e.getValue(), child, owners, unportable);
        }
    }

    /** Whether a pattern avoids the constructs Java and ECMA-262 read differently. */
    private static boolean portable(String pattern) {
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
                if (i < pattern.length() && "sSdDwWbBv".indexOf(pattern.charAt(i)) >= 0) {
                    return false;
                }
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '.' || (c == '(' && pattern.startsWith("(?", i))) {
                return false;
            }
        }
        return true;
    }

    private static void walk(JsonNode schema, String path, List<String> undocumented,
            List<String> open) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!schema.path("additionalProperties").isBoolean()
                    || schema.path("additionalProperties").asBoolean()) {
                open.add(path);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().hasNonNull("description")) {
                    undocumented.add(path + "/properties/" + e.getKey());
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // an 'if' only tests a value (strict validators want its 'required' keys listed
            // under 'properties'); it describes no shape of its own
            if (e.getKey().equals("if")) {
                continue;
            }
            if (e.getValue().isObject()) {
                walk(e.getValue(), path + "/" + e.getKey(), undocumented, open);
            }
        }
    }
}
