package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** §3.1 #6 with our margin: min(4096, contextWindow / 4). */
class MaxTokensTest {

    @Test
    void theCallersLimitWinsEvenAboveTheModels() {
        assertEquals(100, MaxTokens.resolve(100, 4096, 8192, 5000));
        assertEquals(9000, MaxTokens.resolve(9000, 4096, 8192, 0));
    }

    @Test
    void withoutAModelLimitNothingIsSent() {
        assertNull(MaxTokens.resolve(null, null, 8192, 10));
    }

    @Test
    void withoutAContextWindowTheModelLimitIsSentAsIs() {
        assertEquals(4096, MaxTokens.resolve(null, 4096, null, 1_000_000));
    }

    @Test
    void aLargeWindowKeepsTheModelLimitOrClampsWithA4096Margin() {
        assertEquals(32768, MaxTokens.resolve(null, 32768, 131072, 1000));
        assertEquals(131072 - 1000 - 4096, MaxTokens.resolve(null, 200000, 131072, 1000));
    }

    @Test
    void aFourKilotokenContextKeepsRoomForTheAnswer() {
        // pi-ai's fixed 4096 margin gives max(1, 4096 - 100 - 4096) = 1 token here
        assertEquals(4096 - 100 - 1024, MaxTokens.resolve(null, 4096, 4096, 100));
        assertEquals(2048, MaxTokens.resolve(null, 2048, 4096, 100));
    }

    @Test
    void smallWindowsUseAQuarterAsMargin() {
        assertEquals(1000 - 10 - 250, MaxTokens.resolve(null, 1000, 1000, 10));
    }

    @Test
    void aPromptThatFillsTheWindowStillAsksForOneToken() {
        assertEquals(1, MaxTokens.resolve(null, 4096, 4096, 4000));
        assertEquals(1, MaxTokens.resolve(null, 4096, 4096, Integer.MAX_VALUE));
    }
}
