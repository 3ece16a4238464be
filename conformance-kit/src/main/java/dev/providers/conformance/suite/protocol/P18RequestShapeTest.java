package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.Context;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P18 request shape")
class P18RequestShapeTest {

    /** Body keys that request thinking, in any thinkingFormat. */
    private static final List<String> THINKING_FIELDS = List.of("reasoning_effort", "reasoning",
            "thinking", "enable_thinking", "chat_template_kwargs", "chat_template_args",
            "thinking_token_budget");

    @Test
    @DisplayName("P18 a text request carries exactly what the compat flags imply")
    void textRequest(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(Context.ofUser(
                "Reply with exactly: 'Hello test successful'").withSystemPrompt(
                "You are a helpful assistant. Be concise."), StreamOptions.defaults());
        Expect.answered(provider, record);
        JsonNode body = common(provider, record);
        assertFalse(body.has("tools"), "no tools and no tool history: no 'tools' key");
        assertFalse(body.has("tool_choice"), "no tool_choice was asked for");
    }

    @Test
    @Requires(Capability.TOOLS)
    @DisplayName("P18 a tool request carries the tools as functions")
    void toolRequest(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(P04ToolCallTest.weather(), StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).build());
        Expect.answered(provider, record);
        JsonNode body = common(provider, record);
        JsonNode tool = body.path("tools").path(0);
        assertEquals(1, body.path("tools").size(), "one tool offered");
        assertEquals("function", tool.path("type").asText());
        assertEquals("get_weather", tool.at("/function/name").asText());
        assertTrue(tool.at("/function/parameters").isObject(), "the parameters schema");
        assertEquals(provider.compat().flag("supportsStrictMode"),
                tool.path("function").has("strict"), "'strict' iff compat.supportsStrictMode");
        assertEquals("required", body.path("tool_choice").asText());
    }

    /** Checks what every request must (and must not) carry; returns the body. */
    private static JsonNode common(ProviderUnderTest provider, StreamRecord record) {
        EffectiveCompat compat = provider.compat();
        JsonNode body = record.requestJson();
        assertEquals(provider.ref().model(), body.path("model").asText(), "model");
        assertTrue(body.path("stream").asBoolean(), "stream: true");
        assertEquals(compat.flag("supportsUsageInStreaming"), body.has("stream_options"),
                "stream_options iff compat.supportsUsageInStreaming");
        if (body.has("stream_options")) {
            assertTrue(body.at("/stream_options/include_usage").asBoolean(),
                    "stream_options.include_usage: true");
        }
        assertEquals(compat.flag("supportsStore"), body.has("store"),
                "store iff compat.supportsStore");
        if (body.has("store")) {
            assertFalse(body.path("store").asBoolean(true), "store: false");
        }
        String field = compat.string("maxTokensField");
        String other = "max_tokens".equals(field) ? "max_completion_tokens" : "max_tokens";
        assertFalse(body.has(other), "the limit goes in " + field + " (compat.maxTokensField), "
                + "not " + other);
        if (provider.spec().maxTokens() != null) {
            assertTrue(body.path(field).asInt() > 0, "the model declares maxTokens, so the "
                    + "body carries " + field);
        }
        JsonNode first = body.path("messages").path(0);
        if (first.path("role").asText().matches("system|developer")) {
            String role = provider.spec().reasoning() && compat.flag("supportsDeveloperRole")
                    ? "developer" : "system";
            assertEquals(role, first.path("role").asText(), "the system prompt's role");
        }
        if (!provider.spec().reasoning()) {
            for (String thinking : THINKING_FIELDS) {
                assertFalse(body.has(thinking), "'" + thinking + "' was sent for a model "
                        + "without reasoning");
            }
        }
        Object omitted = compat.get("omitFields");
        if (omitted instanceof List<?> fields) {
            for (Object name : fields) {
                assertFalse(body.has(String.valueOf(name)), "'" + name + "' is in "
                        + "compat.omitFields");
            }
        }
        return body;
    }
}
