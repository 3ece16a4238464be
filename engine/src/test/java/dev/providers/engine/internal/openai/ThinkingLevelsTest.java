package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.CompatFlagCases.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.spec.ThinkingLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How level clamping (§4.1) and the §4.2 table interact, through the whole encoder. */
class ThinkingLevelsTest {

    private static final Set<String> THINKING_FIELDS = Set.of("reasoning_effort", "reasoning",
            "thinking", "enable_thinking", "chat_template_kwargs", "chat_template_args",
            "thinking_token_budget");

    private static final String KWARGS = ", chatTemplateKwargs: {t: {$var: thinking.enabled}}, "
            + "chatTemplateArgs: {t: {$var: thinking.enabled}}";

    @TempDir
    Path dir;

    private JsonNode body(String compat, String model, ThinkingLevel level) {
        StreamOptions options = level == null ? StreamOptions.defaults()
                : StreamOptions.builder().reasoning(level).build();
        return RequestEncoder.encode(TestModels.load(dir, compat, model), hello(), options)
                .body();
    }

    private static String effort(JsonNode body) {
        return body.path("reasoning_effort").asText(null);
    }

    @Test
    void anUnsupportedLevelClampsUpwardFirst() {
        String model = "{id: m, reasoning: true, thinkingLevelMap: {minimal: null, low: null}}";
        assertEquals("medium", effort(body("{}", model, ThinkingLevel.MINIMAL)));
        assertEquals("medium", effort(body("{}", model, ThinkingLevel.LOW)));
    }

    @Test
    void xhighAndMaxAreUnsupportedUnlessMappedSoTheyClampDown() {
        String plain = "{id: m, reasoning: true}";
        assertEquals("high", effort(body("{}", plain, ThinkingLevel.XHIGH)));
        assertEquals("high", effort(body("{}", plain, ThinkingLevel.MAX)));
        String mapped = "{id: m, reasoning: true, thinkingLevelMap: {xhigh: very-high}}";
        assertEquals("very-high", effort(body("{}", mapped, ThinkingLevel.MAX)));
    }

    @Test
    void offDeclaredUnsupportedMeansThinkingCannotBeTurnedOff() {
        String model = "{id: m, reasoning: true, thinkingLevelMap: {off: null}}";
        JsonNode deepseek = body("{thinkingFormat: deepseek}", model, ThinkingLevel.OFF);
        assertEquals("enabled", deepseek.at("/thinking/type").asText());
        assertEquals("minimal", effort(deepseek));
    }

    @Test
    void aModelWithNoSupportedLevelFallsBackToOffAndNullOffSendsNothing() {
        String model = "{id: m, reasoning: true, thinkingLevelMap: {off: null, minimal: null, "
                + "low: null, medium: null, high: null}}";
        for (String format : List.of("openai", "openrouter", "deepseek", "string-thinking",
                "ant-ling")) {
            JsonNode body = body("{thinkingFormat: " + format + "}", model, ThinkingLevel.HIGH);
            assertFalse(hasThinkingField(body), format + ": " + body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "openrouter", "deepseek", "together", "zai", "qwen",
            "qwen-chat-template", "chat-template", "baseten", "string-thinking", "ant-ling"})
    void nonReasoningModelsNeverGetThinkingFields(String format) {
        String compat = "{thinkingFormat: " + format + ", supportsThinkingTokenBudget: true"
                + KWARGS + "}";
        for (ThinkingLevel level : ThinkingLevel.values()) {
            JsonNode body = body(compat, "{id: m, maxTokens: 8192}", level);
            assertFalse(hasThinkingField(body), format + " " + level + ": " + body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "openrouter", "deepseek", "together", "zai", "qwen",
            "qwen-chat-template", "chat-template", "baseten", "string-thinking", "ant-ling"})
    void noRequestedLevelMeansNoThinkingFields(String format) {
        String compat = "{thinkingFormat: " + format + ", supportsThinkingTokenBudget: true"
                + KWARGS + "}";
        JsonNode body = body(compat, "{id: m, reasoning: true, maxTokens: 8192, "
                + "thinkingLevelMap: {off: none, medium: mid}}", null);
        assertFalse(hasThinkingField(body), format + ": " + body);
    }

    @Test
    void theBudgetFollowsTheClampedLevel() {
        String compat = "{supportsThinkingTokenBudget: true}";
        String model = "{id: m, reasoning: true, thinkingLevelMap: {minimal: null}}";
        assertEquals(2048, body(compat, model, ThinkingLevel.MINIMAL)
                .path("thinking_token_budget").asInt());
    }

    private static boolean hasThinkingField(JsonNode body) {
        for (String field : THINKING_FIELDS) {
            if (body.has(field)) {
                return true;
            }
        }
        return false;
    }
}
