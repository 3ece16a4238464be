package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.Wire.content;
import static dev.providers.engine.internal.openai.Wire.decode;
import static dev.providers.engine.internal.openai.Wire.finish;
import static dev.providers.engine.internal.openai.Wire.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.Usage;
import dev.providers.engine.spec.ModelCost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What real servers put in chunks (W07–W10, W12), with the bytes they send. */
class ChunkQuirksTest {

    // --- W07: usage wherever servers put it; the last report wins

    @Test
    void usageOnAFinalChunkWithEmptyChoicesAsLlamaServerSendsIt() {
        Wire.Result r = decode(sse(
                "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}],\"created\":1,\"id\":\"chatcmpl-x\",\"model\":\"tiny-llama\",\"system_fingerprint\":\"b1-de3ff81\",\"object\":\"chat.completion.chunk\"}",
                "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"Hello\"}}],\"id\":\"chatcmpl-x\",\"object\":\"chat.completion.chunk\"}",
                "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"id\":\"chatcmpl-x\",\"object\":\"chat.completion.chunk\",\"timings\":{\"prompt_n\":21,\"predicted_n\":5}}",
                "{\"choices\":[],\"id\":\"chatcmpl-x\",\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":5,\"prompt_tokens\":21,\"total_tokens\":26,\"prompt_tokens_details\":{\"cached_tokens\":0}}}"));
        Usage usage = r.message().usage();
        assertEquals(21, usage.input());
        assertEquals(5, usage.output());
        assertEquals(26, usage.totalTokens());
        assertEquals("chatcmpl-x", r.message().responseId());
        assertEquals("tiny-llama", r.message().responseModel(), "differs from the requested m");
        assertEquals("stop", r.message().rawStopReason());
    }

    @Test
    void zeroUsageOnEveryChunkUntilTheLastOneAsOldLocalAiDid() {
        String zero = ",\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0}}";
        Wire.Result r = decode(sse(
                content("Hi").replaceAll("}$", "") + zero,
                finish("stop").replaceAll("}$", "") + ",\"usage\":{\"prompt_tokens\":9,"
                        + "\"completion_tokens\":2,\"total_tokens\":11}}"));
        assertEquals(9, r.message().usage().input());
        assertEquals(2, r.message().usage().output());
    }

    @Test
    void usageInsideTheChoiceAsMoonshotSendsIt() {
        Wire.Result r = decode(sse(content("Hi"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"usage\":"
                        + "{\"prompt_tokens\":30,\"completion_tokens\":4,\"total_tokens\":34,"
                        + "\"cached_tokens\":20}}]}"));
        assertEquals(20, r.message().usage().cacheRead(), "Kimi's top-level cached_tokens");
        assertEquals(10, r.message().usage().input());
    }

    @Test
    void usageInXGroqWithoutStreamOptions() {
        Wire.Result r = decode(sse(content("Hi"),
                "{\"id\":\"chatcmpl-g\",\"object\":\"chat.completion.chunk\",\"model\":\"llama-3.3-70b-versatile\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_01\",\"usage\":{\"queue_time\":0.02,\"prompt_tokens\":48,\"prompt_time\":0.002,\"completion_tokens\":7,\"completion_time\":0.01,\"total_tokens\":55,\"total_time\":0.012}}}"));
        assertEquals(48, r.message().usage().input());
        assertEquals(7, r.message().usage().output());
    }

    @Test
    void cumulativeUsageOnEveryChunkAsPerplexitySendsIt() {
        Wire.Result r = decode(sse(
                content("A").replaceAll("}$", "") + ",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}",
                content("B").replaceAll("}$", "") + ",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}",
                finish("stop").replaceAll("}$", "") + ",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}"));
        assertEquals(3, r.message().usage().output());
    }

    @Test
    void cacheReadsAndWritesAreSplitOutOfThePrompt() {
        Wire.DecodeConfig priced = new Wire.DecodeConfig("openai-completions", Wire.REF,
                new ModelCost(3, 15, 0.3, 3.75), Wire.config().reasoningFields(), null, null,
                true, true, null, m -> false);
        Wire.Result r = Wire.decode(sse(content("Hi"), finish("stop").replaceAll("}$", "")
                + ",\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":5,\"total_tokens\":105,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":50,\"cache_write_tokens\":30}}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), priced);
        Usage usage = r.message().usage();
        assertEquals(List.of(20L, 50L, 30L, 5L, 105L), List.of(usage.input(), usage.cacheRead(),
                usage.cacheWrite(), usage.output(), usage.totalTokens()));
        assertEquals(3 * 20 / 1e6 + 15 * 5 / 1e6 + 0.3 * 50 / 1e6 + 3.75 * 30 / 1e6,
                usage.cost().total(), 1e-12);
    }

    @Test
    void deepSeekCacheHitsAndReasoningTokens() {
        Wire.Result r = decode(sse(content("Hi"), finish("stop").replaceAll("}$", "")
                + ",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":33,\"total_tokens\":43,"
                + "\"prompt_cache_hit_tokens\":4,\"prompt_cache_miss_tokens\":6,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":21}}}"));
        Usage usage = r.message().usage();
        assertEquals(4, usage.cacheRead());
        assertEquals(6, usage.input());
        assertEquals(33, usage.output(), "reasoning is inside completion_tokens");
        assertEquals(21, usage.reasoning());
        assertEquals(43, usage.totalTokens());
    }

    @Test
    void xaiCountsReasoningOutsideCompletionTokens() {
        String stream = sse(content("Hi"), finish("stop").replaceAll("}$", "")
                + ",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":12,\"total_tokens\":52,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":30}}}");
        Wire.Result r = decode(stream, c -> new Wire.DecodeConfig(c.api(), c.ref(), c.prices(),
                c.reasoningFields(), null, null, true, false, null, c.overflow()));
        assertEquals(42, r.message().usage().output());
        assertEquals(52, r.message().usage().totalTokens());
        assertEquals(List.of(), r.deviations(), "the totals agree once reasoning is added");
    }

    @Test
    void aWireTotalThatDisagreesIsRecordedNotTrusted() {
        Wire.Result r = decode(sse(content("Hi"), finish("stop").replaceAll("}$", "")
                + ",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":99}}"));
        assertEquals(12, r.message().usage().totalTokens());
        assertTrue(r.deviations().get(0).startsWith("usage-total-mismatch"), r.deviations()
                .toString());
    }

    // --- W08: Azure

    @Test
    void azureFilterResultsEmptyChoicesAndDeltaLessChunks() {
        Wire.Result r = decode(sse(
                "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}",
                "{\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"created\":1,\"id\":\"chatcmpl-A\",\"model\":\"gpt-4o-2024-08-06\",\"obfuscation\":\"x1\",\"object\":\"chat.completion.chunk\"}",
                "{\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}},\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"id\":\"chatcmpl-A\",\"obfuscation\":\"yy\",\"object\":\"chat.completion.chunk\"}",
                "{\"choices\":[{\"content_filter_results\":{},\"delta\":{},\"finish_reason\":\"stop\",\"index\":0}],\"id\":\"chatcmpl-A\",\"object\":\"chat.completion.chunk\"}",
                "{\"choices\":[{\"content_filter_offsets\":{\"check_offset\":0},\"content_filter_results\":{},\"finish_reason\":null,\"index\":0}],\"id\":\"chatcmpl-A\",\"object\":\"chat.completion.chunk\"}"));
        assertEquals("Hello", r.message().text());
        assertEquals(StopReason.STOP, r.message().stopReason());
        assertEquals("chatcmpl-A", r.message().responseId(), "the first non-empty id");
    }

    @Test
    void contentFilterEndsWithAnErrorAfterClosingBlocks() {
        Wire.Result r = decode(sse(content("Hel"), finish("content_filter")));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hel", "text_end 0 Hel",
                "error ERROR CONTENT_FILTER Provider finish_reason: content_filter"),
                r.rendered());
    }

    // --- W09: errors inside an HTTP 200 stream

    @Test
    void groqToolUseFailedAsAnErrorFrame() {
        Wire.Result r = decode(sse(content("Let me"),
                "{\"error\":{\"message\":\"Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.\",\"type\":\"invalid_request_error\",\"code\":\"tool_use_failed\",\"failed_generation\":\"<function=get_weather>{}\"}}"));
        assertEquals(StopReason.ERROR, r.message().stopReason());
        assertEquals("Failed to call a function. Please adjust your prompt. See "
                + "'failed_generation' for more details.", r.message().errorMessage());
        assertEquals("Let me", r.message().text());
        assertEquals("text_end 0 Let me", r.rendered().get(3), "provider errors close blocks");
    }

    @Test
    void openRouterErrorWithFinishReasonError() {
        Wire.Result r = decode(": OPENROUTER PROCESSING\n\n" + sse(
                "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"anthropic/claude\",\"provider\":\"Anthropic\",\"error\":{\"code\":429,\"message\":\"Provider returned error\",\"metadata\":{\"raw\":\"{\\\"type\\\":\\\"rate_limit_error\\\"}\",\"provider_name\":\"Anthropic\"}},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\",\"native_finish_reason\":\"error\"}]}"));
        assertEquals(ErrorKind.RATE_LIMIT, r.message().errorKind());
        assertEquals("Provider returned error\n{\"type\":\"rate_limit_error\"}",
                r.message().errorMessage());
    }

    @Test
    void anErrorFrameThatMeansContextOverflow() {
        Wire.Result r = decode(sse("{\"error\":{\"message\":\"prompt exceeds context length\"}}"));
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, r.message().errorKind());
    }

    @Test
    void aBareStringErrorFrame() {
        Wire.Result r = decode(sse("{\"error\":\"model is overloaded\"}"));
        assertEquals("model is overloaded", r.message().errorMessage());
        assertEquals(ErrorKind.SERVER, r.message().errorKind());
    }

    // --- W10: finish reasons

    @Test
    void everyFinishReasonMapsAsTheCatalogueSays() {
        assertEquals(StopReason.STOP, decode(sse(content("x"), finish("stop"))).message()
                .stopReason());
        assertEquals(StopReason.STOP, decode(sse(content("x"), finish("end"))).message()
                .stopReason());
        assertEquals(StopReason.LENGTH, decode(sse(content("x"), finish("length"))).message()
                .stopReason());
        assertEquals(ErrorKind.NETWORK, decode(sse(content("x"), finish("network_error")))
                .message().errorKind());
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, decode(sse(content("x"),
                finish("model_context_window_exceeded"))).message().errorKind());
        Wire.Result odd = decode(sse(content("x"), finish("eos_token")));
        assertEquals(ErrorKind.PROTOCOL, odd.message().errorKind());
        assertEquals("Provider finish_reason: eos_token", odd.message().errorMessage());
        assertEquals("eos_token", odd.message().rawStopReason());
    }

    @Test
    void aMissingFinishReasonIsAcceptedOnlyWhenCompatSaysSo() {
        String stream = sse(content("x"));
        assertEquals(StopReason.ERROR, decode(stream).message().stopReason());
        Wire.Result lenient = decode(stream, c -> new Wire.DecodeConfig(c.api(), c.ref(),
                c.prices(), c.reasoningFields(), null, null, false, true, null, c.overflow()));
        assertEquals(StopReason.STOP, lenient.message().stopReason());
        assertNull(lenient.message().rawStopReason());
    }

    @Test
    void onlyNullFinishReasonsAndALeadingNullChunk() {
        Wire.Result r = decode(sse("null", content("x"), content("y")));
        assertEquals("Stream ended without finish_reason", r.message().errorMessage());
    }

    // --- W12: reasoning

    @Test
    void reasoningFieldsBecomeThinkingWithTheirNameAsSignature() {
        for (String field : List.of("reasoning_content", "reasoning", "reasoning_text")) {
            Wire.Result r = decode(sse(
                    "{\"choices\":[{\"delta\":{\"" + field + "\":\"Let me think.\"}}]}",
                    content("42"), finish("stop")));
            ThinkingContent thinking = (ThinkingContent) r.message().content().get(0);
            assertEquals("Let me think.", thinking.thinking());
            assertEquals(field, thinking.signature());
            assertEquals("42", r.message().text());
        }
    }

    @Test
    void twoReasoningFieldsInOneChunkCountOnce() {
        Wire.Result r = decode(sse(
                "{\"choices\":[{\"delta\":{\"reasoning\":\"abc\",\"reasoning_content\":\"abc\"}}]}",
                finish("stop")));
        ThinkingContent thinking = (ThinkingContent) r.message().content().get(0);
        assertEquals("abc", thinking.thinking());
        assertEquals("reasoning_content", thinking.signature(), "the priority order decides");
    }

    @Test
    void thinkTagsAreMovedOutOfTheContentEvenWhenSplit() {
        String stream = sse(content("<thi"), content("nk>step 1, "), content("step 2</th"),
                content("ink>The answer"), content(" is 4."), finish("stop"));
        Wire.Result r = decode(stream, c -> new Wire.DecodeConfig(c.api(), c.ref(), c.prices(),
                c.reasoningFields(), "<think>", "</think>", true, true, null, c.overflow()));
        assertEquals("step 1, step 2", ((ThinkingContent) r.message().content().get(0))
                .thinking());
        assertEquals("The answer is 4.", r.message().text());
        // without the flag the tags stay text
        assertEquals("<think>step 1, step 2</think>The answer is 4.", decode(stream).message()
                .text());
    }

    @Test
    void magistralContentArraysSplitIntoThinkingAndText() {
        Wire.Result r = decode(sse(
                "{\"choices\":[{\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"hmm\"}]}]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"4\"}]}}]}",
                finish("stop")));
        assertEquals("hmm", ((ThinkingContent) r.message().content().get(0)).thinking());
        assertEquals("4", r.message().text());
    }

    @Test
    void aBlankReasoningFieldDoesNotOpenABlock() {
        Wire.Result r = decode(sse("{\"choices\":[{\"delta\":{\"reasoning_content\":\"\"}}]}",
                content("x"), finish("stop")));
        assertEquals(1, r.message().content().size());
    }
}
