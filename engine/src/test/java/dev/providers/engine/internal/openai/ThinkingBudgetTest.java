package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.providers.engine.spec.ThinkingLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code thinking_token_budget}: defaults, caller overrides, the cap below the ceiling. */
class ThinkingBudgetTest {

    @Test
    void defaultsPerLevelWithXhighAndMaxUsingHigh() {
        assertEquals(1024, ThinkingBudget.resolve(ThinkingLevel.MINIMAL, Map.of(), null));
        assertEquals(2048, ThinkingBudget.resolve(ThinkingLevel.LOW, Map.of(), null));
        assertEquals(8192, ThinkingBudget.resolve(ThinkingLevel.MEDIUM, Map.of(), null));
        assertEquals(16384, ThinkingBudget.resolve(ThinkingLevel.HIGH, Map.of(), null));
        assertEquals(16384, ThinkingBudget.resolve(ThinkingLevel.XHIGH, Map.of(), null));
        assertEquals(16384, ThinkingBudget.resolve(ThinkingLevel.MAX, Map.of(), null));
    }

    @Test
    void offSendsNoBudget() {
        assertNull(ThinkingBudget.resolve(ThinkingLevel.OFF, Map.of(ThinkingLevel.OFF, 5), null));
    }

    @Test
    void callerBudgetsWinAndXhighFallsBackToTheCallersHigh() {
        Map<ThinkingLevel, Integer> mine = Map.of(ThinkingLevel.LOW, 500, ThinkingLevel.HIGH,
                3000, ThinkingLevel.MAX, 9000);
        assertEquals(500, ThinkingBudget.resolve(ThinkingLevel.LOW, mine, null));
        assertEquals(3000, ThinkingBudget.resolve(ThinkingLevel.XHIGH, mine, null));
        assertEquals(9000, ThinkingBudget.resolve(ThinkingLevel.MAX, mine, null));
        assertEquals(8192, ThinkingBudget.resolve(ThinkingLevel.MEDIUM, mine, null));
    }

    @Test
    void theBudgetLeaves1024TokensBelowTheCeiling() {
        assertEquals(7168, ThinkingBudget.resolve(ThinkingLevel.MEDIUM, Map.of(), 8192));
        assertEquals(1024, ThinkingBudget.resolve(ThinkingLevel.MINIMAL, Map.of(), 8192));
        assertEquals(1, ThinkingBudget.resolve(ThinkingLevel.HIGH, Map.of(), 1025));
    }

    @Test
    void aBudgetCappedToZeroOrSetToZeroIsOmitted() {
        assertNull(ThinkingBudget.resolve(ThinkingLevel.HIGH, Map.of(), 1024));
        assertNull(ThinkingBudget.resolve(ThinkingLevel.HIGH, Map.of(), 100));
        assertNull(ThinkingBudget.resolve(ThinkingLevel.LOW, Map.of(ThinkingLevel.LOW, 0), null));
    }
}
