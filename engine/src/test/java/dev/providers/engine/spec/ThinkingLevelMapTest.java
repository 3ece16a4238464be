package dev.providers.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Clamping per docs/dialects/openai-completions.md §4.1. */
class ThinkingLevelMapTest {

    private static ThinkingLevelMap map(Object... entries) {
        Map<ThinkingLevel, @Nullable String> declared = new EnumMap<>(ThinkingLevel.class);
        for (int i = 0; i < entries.length; i += 2) {
            declared.put((ThinkingLevel) entries[i], (String) entries[i + 1]);
        }
        return ThinkingLevelMap.of(declared);
    }

    @Test
    void omittedLevelsAreDefaultUpToHighAndUnsupportedAbove() {
        ThinkingLevelMap empty = ThinkingLevelMap.EMPTY;
        assertTrue(empty.isSupported(ThinkingLevel.OFF));
        assertTrue(empty.isSupported(ThinkingLevel.HIGH));
        assertFalse(empty.isSupported(ThinkingLevel.XHIGH));
        assertFalse(empty.isSupported(ThinkingLevel.MAX));
        assertEquals(ThinkingLevel.HIGH, empty.clamp(ThinkingLevel.MAX));
    }

    @Test
    void anUnsupportedLevelClampsUpwardFirst() {
        ThinkingLevelMap map = map(ThinkingLevel.MINIMAL, null);
        assertEquals(ThinkingLevel.LOW, map.clamp(ThinkingLevel.MINIMAL));
    }

    @Test
    void thenDownwardThenOff() {
        ThinkingLevelMap onlyLow = map(ThinkingLevel.MEDIUM, null, ThinkingLevel.HIGH, null);
        assertEquals(ThinkingLevel.LOW, onlyLow.clamp(ThinkingLevel.HIGH));
        ThinkingLevelMap nothing = map(ThinkingLevel.OFF, null, ThinkingLevel.MINIMAL, null,
                ThinkingLevel.LOW, null, ThinkingLevel.MEDIUM, null, ThinkingLevel.HIGH, null);
        assertEquals(ThinkingLevel.OFF, nothing.clamp(ThinkingLevel.MEDIUM));
    }

    @Test
    void aDeclaredStringEnablesXhighAndIsTheWireValue() {
        ThinkingLevelMap map = map(ThinkingLevel.XHIGH, "max", ThinkingLevel.LOW, "default");
        assertEquals(ThinkingLevel.XHIGH, map.clamp(ThinkingLevel.XHIGH));
        assertEquals(Optional.of("max"), map.wireValue(ThinkingLevel.XHIGH));
        assertEquals(Optional.empty(), map.wireValue(ThinkingLevel.MEDIUM));
        assertTrue(map.declares(ThinkingLevel.LOW));
        assertFalse(map.declares(ThinkingLevel.MEDIUM));
    }
}
