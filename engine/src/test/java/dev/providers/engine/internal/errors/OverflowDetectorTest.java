package dev.providers.engine.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UsageCost;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of docs/dialects/openai-completions.md §7.2 as the server words it, the exclusions and
 * rules 2–3.
 */
class OverflowDetectorTest {

    private final OverflowDetector detector = OverflowDetector.defaults();

    /** Full messages as the engine sees them: {@code <status>: <body text>} or a finish reason. */
    static Stream<Arguments> overflowMessages() {
        return Stream.of(
                Arguments.of("OpenAI classic", "400: This model's maximum context length is 8192"
                        + " tokens. However, your messages resulted in 8545 tokens. Please"
                        + " reduce the length of the messages."),
                Arguments.of("vLLM", "400: This model's maximum context length is 4096 tokens."
                        + " However, you requested 5000 tokens (4000 in the messages, 1000 in the"
                        + " completion). Please reduce the length of the messages or completion."),
                Arguments.of("OpenRouter", "400: This endpoint's maximum context length is 131072"
                        + " tokens. However, you requested about 200000 tokens (199000 of text"
                        + " input, 1000 in the output). Please reduce the length of either one,"
                        + " or use the \"middle-out\" transform to compress your prompt"
                        + " automatically."),
                Arguments.of("OpenAI", "400: Your input exceeds the context window of this model."
                        + " Please adjust your input and try again."),
                Arguments.of("LiteLLM", "400: litellm.ContextWindowExceededError: Request"
                        + " exceeds the maximum context length of 8192 tokens"),
                Arguments.of("vLLM input length", "400: Input length (5000) exceeds model's"
                        + " maximum context length (4096)."),
                Arguments.of("llama.cpp", "400: the request exceeds the available context size,"
                        + " try increasing it"),
                Arguments.of("LM Studio", "400: The number of tokens to keep from the initial"
                        + " prompt is greater than the context length. Try to load the model"
                        + " with a larger context length, or provide a shorter input"),
                Arguments.of("LM Studio #546", "400: Trying to keep the first 6011 tokens when"
                        + " context the overflows. However, the model is loaded with context"
                        + " length of only 4096 tokens, which is not enough. Try to load the"
                        + " model with a larger context length, or provide a shorter input"),
                Arguments.of("Ollama", "400: prompt too long; exceeded max context length by 8"
                        + " tokens"),
                Arguments.of("Ollama without max", "500: prompt too long; exceeded context"
                        + " length by 120 tokens"),
                Arguments.of("xAI", "400: This model's maximum prompt length is 131072 but the"
                        + " request contains 140000 tokens."),
                Arguments.of("Groq", "400: Please reduce the length of the messages or"
                        + " completion."),
                Arguments.of("Mistral", "400: Prompt contains 40000 tokens and 0 draft tokens,"
                        + " too large for model with 32768 maximum context length"),
                Arguments.of("Together", "400: The input (9000 tokens) is longer than the"
                        + " model's context length (8192 tokens)."),
                Arguments.of("OpenRouter / Poolside", "400: Provider returned error\nInput"
                        + " length 300000 exceeds the maximum allowed input length of 262144"
                        + " tokens"),
                Arguments.of("DS4 server", "400: prompt has 70,000 tokens, but the configured"
                        + " context size is 65,536 tokens"),
                Arguments.of("z.ai", "Provider finish_reason: model_context_window_exceeded"),
                Arguments.of("DashScope", "400: Range of input length should be [1, 30720]"),
                Arguments.of("MiniMax", "400: invalid params, context window exceeds limit"
                        + " (2013)"),
                Arguments.of("Kimi For Coding", "400: Invalid request: Your request exceeded"
                        + " model token limit: 262144 (requested: 300000)"),
                Arguments.of("GitHub Copilot", "400: prompt token count of 140000 exceeds the"
                        + " limit of 128000"),
                Arguments.of("Anthropic", "400: prompt is too long: 213462 tokens > 200000"
                        + " maximum"),
                Arguments.of("Anthropic 413 via OpenRouter", "413: Provider returned error\n"
                        + "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\","
                        + "\"message\":\"Request exceeds the maximum size\"}}"),
                Arguments.of("Bedrock", "400: Input is too long for requested model."),
                Arguments.of("Gemini", "400: The input token count (1200000) exceeds the maximum"
                        + " number of tokens allowed (1048576)."),
                Arguments.of("generic code", "400: context_length_exceeded"),
                Arguments.of("generic text", "400: Context length exceeded, please start a new"
                        + " chat"),
                Arguments.of("generic too many", "400: Too many tokens in the request: 50000 >"
                        + " 32768"),
                Arguments.of("generic limit", "400: Token limit exceeded for this model"),
                Arguments.of("Cerebras SDK 400", "400 status code (no body)"),
                Arguments.of("Cerebras SDK 413", "413 status code (no body)"),
                Arguments.of("Cerebras engine 400", "400: (no body)"),
                Arguments.of("Cerebras engine 413", "413: (no body)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overflowMessages")
    void recognisesEachServersOverflowText(String server, String message) {
        assertTrue(detector.matchesMessage(message), server + ": " + message);
        assertTrue(detector.matchesMessage(message.toUpperCase()), "case-insensitive");
    }

    @Test
    void everyShippedPatternIsExercisedByASample() {
        List<String> samples = overflowMessages().map(a -> (String) a.get()[1]).toList();
        for (Pattern pattern : detector.patterns()) {
            assertTrue(samples.stream().anyMatch(s -> pattern.matcher(s).find()),
                    "no sample for " + pattern);
        }
        assertEquals(4, detector.exclusions().size());
    }

    /** Messages that would match a pattern but name a throttle, an outage or a rate limit. */
    @ParameterizedTest
    @ValueSource(strings = {
        "Throttling error: Too many tokens, please wait before trying again.",
        "429: Throttling error: Too many tokens, please wait before trying again.",
        "Service unavailable: too many tokens in flight, try again later",
        "503: Service unavailable: too many tokens in flight, try again later",
        "429: Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM):"
                + " Limit 30000, Used 29000, Requested 2000. Please try again in 2s.",
        "429: rate_limit_exceeded: maximum context length is 8192 tokens per request window",
        "429: Too Many Requests: too many tokens per minute"})
    void exclusionsWin(String message) {
        assertFalse(detector.matchesMessage(message), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "429: Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000,"
                + " Requested 2000.",
        "400: max_tokens must be ≤ 4096",
        "400: max_tokens is too large: 100000. This model supports at most 16384 completion"
                + " tokens, whereas you provided 100000.",
        "400: 'messages' is required",
        "400: Invalid value for 'temperature': must be between 0 and 2",
        "401: Invalid API Key",
        "404: File Not Found",
        "500: Internal Server Error",
        "500: (no body)",
        "401: (no body)",
        "400: The maximum context length is not configured",
        "Provider finish_reason: length",
        ""})
    void ordinaryErrorsAreNotOverflows(String message) {
        assertFalse(detector.matchesMessage(message), message);
    }

    @Test
    void extraPatternsAddToTheDefaultsWithoutChangingThem() {
        OverflowDetector extended = detector.withExtraPatterns(
                List.of("context budget of \\d+ exhausted"));

        assertTrue(extended.matchesMessage("500: CONTEXT BUDGET OF 8192 EXHAUSTED"));
        assertTrue(extended.matchesMessage("400: prompt is too long: 9000 tokens"));
        assertFalse(detector.matchesMessage("500: context budget of 8192 exhausted"));
        assertFalse(extended.matchesMessage("429: rate limit: context budget of 8 exhausted"),
                "exclusions apply to extra patterns too");
    }

    @Test
    void noExtraPatternsReturnsTheSameDetector() {
        assertSame(detector, detector.withExtraPatterns(List.of()));
        assertSame(detector, OverflowDetector.defaults());
    }

    @Test
    void anInvalidExtraPatternIsRejected() {
        assertThrows(PatternSyntaxException.class,
                () -> detector.withExtraPatterns(List.of("unclosed (group")));
    }

    @Test
    void aPatternOutsideASectionIsRejected() {
        BufferedReader reader = new BufferedReader(new StringReader("# comment\nfoo\n"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OverflowDetector.parse(reader));
        assertEquals("line 2: a pattern before [overflow] or [exclusions]", e.getMessage());
    }

    @Test
    void silentOverflowNeedsAStopAboveAKnownWindow() {
        assertFalse(OverflowDetector.silentOverflow(StopReason.STOP, 1000, 0, 1000),
                "exactly at the window still fits");
        assertTrue(OverflowDetector.silentOverflow(StopReason.STOP, 1001, 0, 1000));
        assertTrue(OverflowDetector.silentOverflow(StopReason.STOP, 900, 101, 1000),
                "cache reads are part of the prompt");
        assertFalse(OverflowDetector.silentOverflow(StopReason.STOP, 900, 100, 1000));
        assertFalse(OverflowDetector.silentOverflow(StopReason.STOP, 5000, 0, null),
                "unknown window");
        assertFalse(OverflowDetector.silentOverflow(StopReason.STOP, 5000, 0, 0),
                "a zero window is unknown");
        assertFalse(OverflowDetector.silentOverflow(StopReason.LENGTH, 5000, 0, 1000));
        assertFalse(OverflowDetector.silentOverflow(StopReason.TOOL_USE, 5000, 0, 1000));
        assertFalse(OverflowDetector.silentOverflow(StopReason.ERROR, 5000, 0, 1000));
    }

    @Test
    void lengthStopOverflowNeedsNoOutputAndNinetyNinePercentOfTheWindow() {
        assertTrue(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 990, 0, 1000),
                "exactly 99 %");
        assertFalse(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 989, 0, 1000));
        assertTrue(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 500, 490, 1000),
                "cache reads are part of the prompt");
        // 0.99 × 4096 = 4055.04
        assertFalse(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 4055, 0, 4096));
        assertTrue(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 4056, 0, 4096));
        assertTrue(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 1200, 0, 1000));
        assertFalse(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 1, 1000, 0, 1000),
                "some output means the window was not full");
        assertFalse(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 1000, 0, null));
        assertFalse(OverflowDetector.lengthStopOverflow(StopReason.STOP, 0, 1000, 0, 1000));
        assertTrue(OverflowDetector.lengthStopOverflow(StopReason.LENGTH, 0, 2_130_000_000L,
                0, Integer.MAX_VALUE), "no int overflow in the arithmetic");
    }

    @Test
    void isOverflowCombinesTheThreeRules() {
        Usage none = usage(0, 0, 0);
        assertTrue(detector.isOverflow(StopReason.ERROR, "400: prompt is too long", none, null));
        assertFalse(detector.isOverflow(StopReason.ERROR, null, none, null));
        assertFalse(detector.isOverflow(StopReason.STOP, "400: prompt is too long", none, null),
                "rule 1 needs an error stop");
        assertTrue(detector.isOverflow(StopReason.STOP, null, usage(700, 400, 5), 1000));
        assertTrue(detector.isOverflow(StopReason.LENGTH, null, usage(990, 0, 0), 1000));
        assertFalse(detector.isOverflow(StopReason.LENGTH, null, usage(990, 0, 3), 1000));
    }

    private static Usage usage(long input, long cacheRead, long output) {
        return new Usage(input, output, cacheRead, 0, 0, input + output + cacheRead,
                UsageCost.ZERO);
    }
}
