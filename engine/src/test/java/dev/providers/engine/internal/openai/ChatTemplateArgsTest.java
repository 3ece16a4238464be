package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template rendering for {@code chatTemplateKwargs} and {@code chatTemplateArgs}. */
class ChatTemplateArgsTest {

    private static Map<String, Object> template() {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("enable_thinking", Map.of("$var", "thinking.enabled"));
        template.put("effort", Map.of("$var", "thinking.effort"));
        template.put("only_on", Map.of("$var", "thinking.enabled", "omitWhenOff", true));
        template.put("literal", List.of(1L, "two"));
        return template;
    }

    @Test
    void rendersVariablesAndCopiesLiteralsInOrder() {
        assertEquals("{\"enable_thinking\":true,\"effort\":\"high\",\"only_on\":true,"
                + "\"literal\":[1,\"two\"]}",
                WireJson.text(ChatTemplateArgs.render(template(), true, "high")));
    }

    @Test
    void offDropsOmitWhenOffEntriesAndAnEffortWithoutValue() {
        assertEquals("{\"enable_thinking\":false,\"literal\":[1,\"two\"]}",
                WireJson.text(ChatTemplateArgs.render(template(), false, null)));
        assertEquals("{\"enable_thinking\":false,\"effort\":\"none\",\"literal\":[1,\"two\"]}",
                WireJson.text(ChatTemplateArgs.render(template(), false, "none")));
    }

    @Test
    void anEmptyResultIsOmitted() {
        assertNull(ChatTemplateArgs.render(Map.of(), true, "high"));
        assertNull(ChatTemplateArgs.render(Map.of("x", Map.of("$var", "thinking.enabled",
                "omitWhenOff", true)), false, null));
    }

    @Test
    void anUnknownVariableNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChatTemplateArgs.render(Map.of("x", Map.of("$var", "thinking.budget")),
                        true, "high"));
        assertTrue(e.getMessage().contains("thinking.enabled, thinking.effort"), e.getMessage());
    }
}
