package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.CacheRetention;
import dev.providers.engine.ResponseFormat;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.InputKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.ThinkingLevel;
import dev.providers.engine.spec.ThinkingLevelMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-request properties: construction order, purity, P07 ids, errors. */
class RequestEncoderTest {

    @TempDir
    Path dir;

    /** Every optional field at once, to check the §3.1 order. */
    @Test
    void fieldsFollowTheConstructionOrder() {
        ResolvedModel model = TestModels.load(dir, "{supportsStore: true, zaiToolStream: true, "
                + "supportsThinkingTokenBudget: true, supportsPromptCacheKey: true, "
                + "openRouterRouting: {sort: price}, vercelGatewayRouting: {only: [a]}}",
                TestModels.THINKER);
        StreamOptions options = StreamOptions.builder().temperature(0.1).topP(0.2)
                .stop(List.of("x")).frequencyPenalty(0.3).presencePenalty(0.4).seed(5)
                .responseFormat(ResponseFormat.JSON_OBJECT).toolChoice(ToolChoice.AUTO)
                .reasoning(ThinkingLevel.LOW).sessionId("s").cacheRetention(CacheRetention.LONG)
                .extraBody("top_k", 3).build();
        JsonNode body = RequestEncoder.encode(model,
                CompatFlagCases.hello().withTools(List.of(Fixtures.getWeather())), options)
                .body();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("model", "messages", "stream", "stream_options", "store",
                "max_tokens", "temperature", "top_p", "stop", "frequency_penalty",
                "presence_penalty", "seed", "response_format", "tools", "tool_stream",
                "tool_choice", "reasoning_effort", "thinking_token_budget", "prompt_cache_key",
                "prompt_cache_retention", "provider", "providerOptions", "top_k"), names);
    }

    @Test
    void encodingIsAPureFunctionOfItsInputs() {
        ResolvedModel model = TestModels.load(dir, "{cacheControlFormat: anthropic}",
                TestModels.VISION);
        Context context = ReplayCases.foreignHistory();
        StreamOptions options = StreamOptions.builder().sessionId("s").build();
        EncodedRequest first = RequestEncoder.encode(model, context, options);
        EncodedRequest second = RequestEncoder.encode(model, context, options);
        assertEquals(first.body(), second.body());
        assertArrayEquals(first.bytes(), second.bytes());
        assertEquals(first, second);
    }

    @Test
    void theP07IdIsNormalisedIdenticallyInCallsAndResults() {
        JsonNode body = RequestEncoder.encode(TestModels.load(dir, "{}", TestModels.CHAT),
                ReplayCases.foreignHistory(), StreamOptions.defaults()).body();
        String callId = body.at("/messages/2/tool_calls/0/id").asText();
        String resultId = body.at("/messages/3/tool_call_id").asText();
        assertEquals(callId, resultId);
        assertTrue(callId.length() <= 40 && callId.matches("[A-Za-z0-9_-]+"), callId);
        assertFalse(body.at("/messages/2").has("reasoning_content"));
        assertFalse(body.at("/messages/2").has("reasoning_details"));
        assertTrue(body.at("/messages/2/content").asText().startsWith("The user wants"));
    }

    @Test
    void bytesAreTheBodyAsUtf8Json() throws Exception {
        EncodedRequest request = RequestEncoder.encode(TestModels.load(dir, "{}",
                TestModels.CHAT), Context.ofUser("Grüße 🚀"), StreamOptions.defaults());
        String json = new String(request.bytes(), StandardCharsets.UTF_8);
        assertEquals(request.body(), WireJson.MAPPER.readTree(json));
        assertTrue(json.contains("Grüße 🚀"), json);
    }

    @Test
    void theHeadersAreImmutable() {
        EncodedRequest request = RequestEncoder.encode(TestModels.load(dir,
                "{sendSessionAffinityHeaders: true}", TestModels.CHAT), Context.ofUser("hi"),
                StreamOptions.builder().sessionId("s1").build());
        assertEquals(Map.of("session_id", "s1", "x-client-request-id", "s1",
                "x-session-affinity", "s1"), request.headers());
        assertThrows(UnsupportedOperationException.class,
                () -> request.headers().put("x", "y"));
    }

    @Test
    void anEmptySessionIdCountsAsNone() {
        EncodedRequest request = RequestEncoder.encode(TestModels.load(dir,
                "{sendSessionAffinityHeaders: true, supportsPromptCacheKey: true}",
                TestModels.CHAT), Context.ofUser("hi"),
                StreamOptions.builder().sessionId("").build());
        assertEquals(Map.of(), request.headers());
        assertFalse(request.body().has("prompt_cache_key"));
    }

    @Test
    void aSessionIdThatCouldInjectHeadersIsRejected() {
        // rejected where it is set, before it can become a header value
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamOptions.builder().sessionId("s\r\nX-Evil: 1"));
        assertTrue(e.getMessage().contains("session id"), e.getMessage());
    }

    @Test
    void maxTokensSentIsWhatTheFinalBodyCarries() {
        Context hi = Context.ofUser("hi");
        assertEquals(4096, RequestEncoder.encode(TestModels.load(dir, "{}", TestModels.CHAT),
                hi, StreamOptions.defaults()).maxTokensSent());
        assertEquals(50, RequestEncoder.encode(TestModels.load(dir, "{}", TestModels.CHAT), hi,
                StreamOptions.builder().extraBody("max_tokens", 50).build()).maxTokensSent());
        assertNull(RequestEncoder.encode(TestModels.load(dir, "{omitFields: [max_tokens]}",
                TestModels.CHAT), hi, StreamOptions.defaults()).maxTokensSent());
        assertNull(RequestEncoder.encode(TestModels.load(dir, "{}", "{id: bare}"), hi,
                StreamOptions.defaults()).maxTokensSent());
    }

    @Test
    void anotherDialectIsRejected() {
        ResolvedModel model = codeFirst("other-dialect", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestEncoder.encode(model, Context.ofUser("hi"),
                        StreamOptions.defaults()));
        assertTrue(e.getMessage().contains("openai-completions"), e.getMessage());
    }

    @Test
    void anUnknownThinkingFormatFromCodeNamesTheKnownOnes() {
        ResolvedModel model = codeFirst(RequestEncoder.API, Map.of("thinkingFormat", "bogus"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestEncoder.encode(model, Context.ofUser("hi"),
                        StreamOptions.builder().reasoning(ThinkingLevel.HIGH).build()));
        assertTrue(e.getMessage().contains("bogus") && e.getMessage().contains("string-thinking"),
                e.getMessage());
    }

    @Test
    void anUnknownReasoningReplayFieldFromCodeNamesTheKnownOnes() {
        ResolvedModel model = codeFirst(RequestEncoder.API,
                Map.of("reasoningReplayField", "thoughts"));
        Context own = new Context(null, List.of(UserMessage.of("Hi"),
                AssistantMessage.of(TestModels.PROVIDER, "m", Fixtures.thinking("t", null),
                        Fixtures.text("a")), UserMessage.of("And?")), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestEncoder.encode(model, own, StreamOptions.defaults()));
        assertTrue(e.getMessage().contains("thoughts") && e.getMessage().contains("omit"),
                e.getMessage());
    }

    @Test
    void theInputContextIsNotChanged() {
        Context context = ReplayCases.images();
        Context copy = new Context(context.systemPrompt(), context.messages(), context.tools());
        RequestEncoder.encode(TestModels.load(dir, "{cacheControlFormat: anthropic}",
                TestModels.CHAT), context, StreamOptions.defaults());
        assertEquals(copy, context);
    }

    /**
     * Returns a model built in code, bypassing the schema as code-first users can, paired with
     * a provider loaded from YAML.
     */
    private ResolvedModel codeFirst(String api, Map<String, Object> compat) {
        ProviderSpec provider = TestModels.load(dir, "{}", TestModels.CHAT).provider();
        Origin origin = Origin.ofFile("code");
        Map<String, Origin> origins = new HashMap<>();
        compat.keySet().forEach(key -> origins.put(key, origin));
        ModelSpec model = new ModelSpec("m", "m", api, null, true, Set.of(InputKind.TEXT),
                ModelCost.ZERO, null, null, Map.of(), ThinkingLevelMap.EMPTY,
                new CompatSettings(compat, origins), origin);
        return new ResolvedModel(provider, model);
    }
}
