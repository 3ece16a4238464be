package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.TOOLS)
@DisplayName("P04 tool call, toolChoice required")
class P04ToolCallTest {

    static final String SYSTEM = "You are a helpful assistant that uses tools when asked.";
    static final String WEATHER = "What is the weather in Paris? Use the get_weather tool.";

    static Context weather() {
        return new Context(SYSTEM, List.of(UserMessage.of(WEATHER)),
                List.of(Fixtures.GET_WEATHER));
    }

    /** Runs P04's request and checks the call's structure; returns the message. */
    static AssistantMessage requiredCall(ProviderUnderTest provider) throws Exception {
        StreamRecord record = provider.stream(weather(), StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).build());
        AssistantMessage message = Expect.answered(provider, record);
        List<StreamEvent.ToolCallStart> starts = record.events(StreamEvent.ToolCallStart.class);
        assertFalse(starts.isEmpty(), "toolChoice required, but no tool call arrived; "
                + "answer: " + message.content());
        StreamEvent.ToolCallStart start = starts.get(0);
        assertFalse(start.id().isEmpty(), "G9: no id at toolcall_start");
        assertEquals("get_weather", start.name(), "the name at toolcall_start");
        StringBuilder raw = new StringBuilder();
        for (StreamEvent.ToolCallDelta delta : record.events(StreamEvent.ToolCallDelta.class)) {
            if (delta.contentIndex() == start.contentIndex()) {
                raw.append(delta.delta());
            }
        }
        Object parsed = new ObjectMapper().readValue(raw.toString().isEmpty() ? "{}"
                : raw.toString(), Object.class);
        assertTrue(parsed instanceof Map, "the argument deltas do not form a JSON object: "
                + raw);
        ToolCall call = message.toolCalls().get(0);
        assertTrue(call.arguments().get("city") instanceof String,
                "the required string 'city' is missing or not a string: " + call.arguments());
        assertEquals(StopReason.TOOL_USE, message.stopReason());
        provider.wire("the raw stop reason and the argument fragments").ifPresent(wire -> {
            ReceivedResponse received = wire.response(record.last());
            assertEquals(received.finishReason(), message.rawStopReason(),
                    "rawStopReason is the wire's, verbatim");
            assertEquals(arguments(received, start), raw.toString(), "the argument deltas are "
                    + "the fragments the server sent for that call");
        });
        return message;
    }

    /** Returns the argument text the wire sent for the call that starts at {@code start}. */
    private static String arguments(ReceivedResponse wire, StreamEvent.ToolCallStart start) {
        String key = null;
        StringBuilder out = new StringBuilder();
        for (ReceivedResponse.ToolCallDelta delta : wire.toolCallDeltas()) {
            if (key == null && (start.id().equals(delta.id()) || start.name().equals(
                    delta.name()))) {
                key = delta.key();
            }
            if (delta.key().equals(key)) {
                out.append(delta.arguments());
            }
        }
        return out.toString();
    }

    @Test
    @DisplayName("P04 a required call streams with its id and name at the start")
    void requiredToolCall(ProviderUnderTest provider) throws Exception {
        requiredCall(provider);
    }
}
