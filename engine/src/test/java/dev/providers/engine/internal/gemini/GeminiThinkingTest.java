package dev.providers.engine.internal.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ThinkingLevel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thinking levels to {@code generationConfig.thinkingConfig}
 * (docs/dialects/google-generative-ai.md §3.5): through the model's thinkingLevelMap, a number
 * as thinkingBudget, a word as thinkingLevel, the thinkingFormat default for the rest, and
 * includeThoughts whenever thinking is on.
 */
class GeminiThinkingTest {

    @TempDir Path dir;

    private String config(String compat, String model, StreamOptions options) throws Exception {
        ResolvedModel resolved = GeminiModels.load(dir, compat, model);
        byte[] body = new GeminiDialect().bind(resolved).encode(Context.ofUser("Think"),
                options).body();
        JsonNode thinking = new ObjectMapper().readTree(body).at(
                "/generationConfig/thinkingConfig");
        return thinking.isMissingNode() ? "none" : thinking.toString();
    }

    private static StreamOptions level(ThinkingLevel level) {
        return StreamOptions.builder().reasoning(level).build();
    }

    private static final String REASONER = "{id: r, reasoning: true}";

    @Test
    void undeclaredLevelsUseTheBudgetTableByDefault() throws Exception {
        assertEquals("{\"thinkingBudget\":8192,\"includeThoughts\":true}",
                config("{}", REASONER, level(ThinkingLevel.MEDIUM)));
        assertEquals("{\"thinkingBudget\":1024,\"includeThoughts\":true}",
                config("{}", REASONER, level(ThinkingLevel.MINIMAL)));
        assertEquals("{\"thinkingBudget\":0}", config("{}", REASONER,
                level(ThinkingLevel.OFF)));
        // xhigh is unsupported unless declared: clamped down to high
        assertEquals("{\"thinkingBudget\":16384,\"includeThoughts\":true}",
                config("{}", REASONER, level(ThinkingLevel.XHIGH)));
    }

    @Test
    void theCallersBudgetWinsInTheBudgetForm() throws Exception {
        assertEquals("{\"thinkingBudget\":3000,\"includeThoughts\":true}",
                config("{}", REASONER, StreamOptions.builder().reasoning(ThinkingLevel.LOW)
                        .thinkingBudget(ThinkingLevel.LOW, 3000).build()));
    }

    @Test
    void theLevelFormatSendsLevelNamesAndLowForOff() throws Exception {
        assertEquals("{\"thinkingLevel\":\"medium\",\"includeThoughts\":true}",
                config("{thinkingFormat: level}", REASONER, level(ThinkingLevel.MEDIUM)));
        assertEquals("{\"thinkingLevel\":\"low\"}",
                config("{thinkingFormat: level}", REASONER, level(ThinkingLevel.OFF)));
    }

    @Test
    void declaredValuesDecideTheirForm() throws Exception {
        String flash25 = "{id: f, reasoning: true, thinkingLevelMap: {'off': '0', "
                + "minimal: '512', high: '24576'}}";
        assertEquals("{\"thinkingBudget\":24576,\"includeThoughts\":true}",
                config("{}", flash25, level(ThinkingLevel.HIGH)));
        assertEquals("{\"thinkingBudget\":0}", config("{}", flash25, level(ThinkingLevel.OFF)));
        String flash3 = "{id: g, reasoning: true, thinkingLevelMap: {'off': minimal, "
                + "minimal: minimal, low: low, medium: medium, high: high}}";
        assertEquals("{\"thinkingLevel\":\"minimal\"}",
                config("{}", flash3, level(ThinkingLevel.OFF)));
        assertEquals("{\"thinkingLevel\":\"high\",\"includeThoughts\":true}",
                config("{}", flash3, level(ThinkingLevel.HIGH)));
        // a dynamic budget is on
        String dynamic = "{id: d, reasoning: true, thinkingLevelMap: {medium: '-1'}}";
        assertEquals("{\"thinkingBudget\":-1,\"includeThoughts\":true}",
                config("{}", dynamic, level(ThinkingLevel.MEDIUM)));
    }

    @Test
    void aLevelThatCannotBeOffClampsUpAndThinks() throws Exception {
        String pro = "{id: p, reasoning: true, thinkingLevelMap: {'off': null, minimal: low, "
                + "low: low, medium: medium, high: high}}";
        assertEquals("{\"thinkingLevel\":\"low\",\"includeThoughts\":true}",
                config("{}", pro, level(ThinkingLevel.OFF)));
    }

    @Test
    void noLevelOrNoReasoningSendsNothing() throws Exception {
        assertEquals("none", config("{}", REASONER, StreamOptions.defaults()));
        assertEquals("none", config("{}", "{id: plain}", level(ThinkingLevel.HIGH)));
    }
}
