package dev.providers.engine.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.spi.ToolCallIdFormat;
import org.junit.jupiter.api.Test;

/** The tool-call id normaliser: §3.3 "Foreign tool-call ids" and {@code toolCallIdFormat}. */
class ToolCallIdsTest {

    private static final String DEFAULT_CHARSET = "[A-Za-z0-9_-]+";

    private static ToolCallIds ids() {
        return new ToolCallIds(ToolCallIdFormat.DEFAULT);
    }

    private static ToolCallIds mistral() {
        return new ToolCallIds(new ToolCallIdFormat(40, true, 9));
    }

    @Test
    void idsThatFitAreUnchanged() {
        ToolCallIds ids = ids();
        assertEquals("tst000001", ids.normalise("tst000001"));
        assertEquals("call_abc-XYZ_123", ids.normalise("call_abc-XYZ_123"));
        String forty = "a".repeat(40);
        assertEquals(forty, ids.normalise(forty));
    }

    @Test
    void aPipeBecomesAnUnderscoreBetweenCallAndItemId() {
        assertEquals("call_1_fc_2", ids().normalise("call_1|fc_2"));
    }

    @Test
    void charactersOutsideTheCharsetBecomeUnderscoresPerCodePoint() {
        assertEquals("a_b_c_d", ids().normalise("a.b/c=d"));
        assertEquals("call_", ids().normalise("call🚀"));
        assertEquals("x_y", ids().normalise("x\uD83Dy"));
    }

    @Test
    void theP07IdBecomesFortyCharactersOfPrefixSeparatorAndHash() {
        String id = dev.providers.engine.internal.openai.ReplayCases.FOREIGN_ID;
        assertEquals(450, id.length());
        String normalised = ids().normalise(id);
        assertEquals(40, normalised.length());
        assertTrue(normalised.matches(DEFAULT_CHARSET), normalised);
        assertTrue(normalised.startsWith("call_8fJ2kQ_fc_"), normalised);
        assertEquals('_', normalised.charAt(31));
        assertEquals(ToolCallIds.hashChars(id, 8), normalised.substring(32));
    }

    @Test
    void normalisationIsDeterministicAcrossRequests() {
        String id = dev.providers.engine.internal.openai.ReplayCases.FOREIGN_ID;
        assertEquals(ids().normalise(id), ids().normalise(id));
        assertEquals(mistral().normalise(id), mistral().normalise(id));
    }

    @Test
    void mistralIdsAreExactlyNineAlphanumerics() {
        ToolCallIds ids = mistral();
        assertEquals("tst000001", ids.normalise("tst000001"));
        for (String id : new String[] {"abc", "call_abc123", "", "🚀🚀", dev.providers.engine.internal.openai.ReplayCases.FOREIGN_ID}) {
            String normalised = ids.normalise(id);
            assertTrue(normalised.matches("[A-Za-z0-9]{9}"), id + " -> " + normalised);
        }
        assertTrue(ids.normalise("call_abc123").startsWith("c"));
        assertTrue(ids.normalise("abc").startsWith("a"));
    }

    @Test
    void theAlphanumericCharsetDropsOtherCharactersAndHashesWithoutSeparator() {
        ToolCallIds ids = new ToolCallIds(new ToolCallIdFormat(12, true, null));
        assertEquals("callabc", ids.normalise("call_abc"));
        String longer = ids.normalise("call_abcdefghijklmnop");
        assertEquals(12, longer.length());
        assertTrue(longer.matches("[A-Za-z0-9]{12}"), longer);
        assertTrue(longer.startsWith("call") && !longer.startsWith("callabc"), longer);
    }

    @Test
    void aShorterMaxLengthKeepsTheHashAndSeparator() {
        String normalised = new ToolCallIds(new ToolCallIdFormat(16, false, null))
                .normalise("call_0123456789abcdef");
        assertEquals(16, normalised.length());
        assertTrue(normalised.startsWith("call_01_"), normalised);
    }

    @Test
    void anEmptyIdGetsAHashedOne() {
        String normalised = ids().normalise("");
        assertEquals(9, normalised.length());
        assertTrue(normalised.matches("_[a-z0-9]{8}"), normalised);
    }

    @Test
    void differentIdsThatSanitiseAlikeStayDistinct() {
        ToolCallIds ids = ids();
        String first = ids.normalise("a.b");
        String second = ids.normalise("a/b");
        assertEquals("a_b", first);
        assertNotEquals(first, second);
        assertTrue(second.startsWith("a_b_"), second);
        assertEquals(second, ids.normalise("a/b"));
        assertEquals(first, ids.normalise("a.b"));
    }

    @Test
    void hashCharactersAreLowercaseBase36OfAnyLength() {
        String hash = ToolCallIds.hashChars("id", 120);
        assertEquals(120, hash.length());
        assertTrue(hash.matches("[a-z0-9]+"), hash);
        assertEquals(hash.substring(0, 8), ToolCallIds.hashChars("id", 8));
        assertNotEquals(ToolCallIds.hashChars("id", 8), ToolCallIds.hashChars("id2", 8));
    }

    @Test
    void aLongExactLengthPadsWithMoreHash() {
        String normalised = new ToolCallIds(new ToolCallIdFormat(40, false, 64))
                .normalise("short");
        assertEquals(64, normalised.length());
        assertTrue(normalised.startsWith("short"), normalised);
    }
}
