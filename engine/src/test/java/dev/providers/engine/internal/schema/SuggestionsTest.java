package dev.providers.engine.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("id", "name", "api", "baseUrl", "apiKey",
            "authHeader", "headers", "queryParams", "enabled", "compat", "models");

    @Test
    void findsOtherSpellingsOfTheSameWordFirst() {
        assertEquals(List.of("baseUrl"), Suggestions.forInput("base_url", KEYS));
        assertEquals(List.of("baseUrl"), Suggestions.forInput("baseURL", KEYS));
        assertEquals(List.of("apiKey"), Suggestions.forInput("api-key", KEYS));
    }

    @Test
    void findsTyposByEditDistance() {
        assertEquals(List.of("headers"), Suggestions.forInput("haeders", KEYS));
        assertEquals(List.of("models"), Suggestions.forInput("model", KEYS));
        assertEquals("maxTokensField", Suggestions.forInput("maxTokenField",
                List.of("maxTokensField", "supportsStore")).get(0));
    }

    @Test
    void suggestsNothingForUnrelatedWords() {
        assertEquals(List.of(), Suggestions.forInput("temperature", KEYS));
    }

    @Test
    void countsATranspositionAsOneEdit() {
        assertEquals(1, Suggestions.distance("hgih", "high"));
        assertEquals(1, Suggestions.distance("ab", "ba"));
    }
}
