package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireSpecific;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.Context;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The request as sent: what every dialect's body must say (read through the wire view), and
 * what the dialect's own rules and the model's compat flags imply (the view's
 * {@link WireView#requestShapeProblems}, one variant per dialect).
 */
@ProtocolTier
@DisplayName("P18 request shape")
class P18RequestShapeTest {

    @Test
    @WireSpecific("request shape")
    @DisplayName("P18 a text request carries exactly what the compat flags imply")
    void textRequest(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(Context.ofUser(
                "Reply with exactly: 'Hello test successful'").withSystemPrompt(
                "You are a helpful assistant. Be concise."), StreamOptions.defaults());
        Expect.answered(provider, record);
        SentRequest sent = common(provider, record);
        assertEquals("You are a helpful assistant. Be concise.", sent.system(),
                "the system prompt");
        assertEquals(List.of(), sent.tools(), "no tools and no tool history: no tools");
        assertNull(sent.toolChoice(), "no tool choice was asked for");
    }

    @Test
    @Requires(Capability.TOOLS)
    @WireSpecific("request shape")
    @DisplayName("P18 a tool request carries the tools as functions")
    void toolRequest(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(P04ToolCallTest.weather(), StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).build());
        Expect.answered(provider, record);
        SentRequest sent = common(provider, record);
        assertEquals(1, sent.tools().size(), "one tool offered");
        assertEquals("get_weather", sent.tools().get(0).name());
        assertTrue(sent.tools().get(0).parameters().isObject(), "the parameters schema");
        assertEquals(ToolChoice.REQUIRED, sent.toolChoice());
    }

    /** Checks what every request must (and must not) carry; returns it as read. */
    private static SentRequest common(ProviderUnderTest provider, StreamRecord record) {
        WireView wire = provider.wire().orElseThrow();
        SentRequest sent = wire.request(record.last());
        if (sent.model() != null) {
            assertEquals(provider.ref().model(), sent.model(), "model");
        }
        assertTrue(sent.stream(), "the body asks for a stream");
        assertEquals(wire.expectsUsage(provider.model()), sent.usageRequested(),
                "the body asks for usage iff the engine expects it");
        if (provider.spec().maxTokens() != null) {
            assertTrue(sent.maxTokens() != null && sent.maxTokens() > 0, "the model declares "
                    + "maxTokens, so the body carries an output limit");
        }
        List<String> problems = wire.requestShapeProblems(provider.model(), record.last());
        assertEquals(List.of(), problems, "by the rules of " + wire.api() + " and the "
                + "model's compat flags");
        return sent;
    }
}
