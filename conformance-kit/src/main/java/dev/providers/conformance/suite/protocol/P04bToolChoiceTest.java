package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ToolCall;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.TOOLS)
@DisplayName("P04b toolChoice variants")
class P04bToolChoiceTest {

    private static AssistantMessage run(ProviderUnderTest provider, StreamOptions options,
            Context context) {
        return Expect.answered(provider, provider.stream(context, options));
    }

    @Test
    @DisplayName("P04b auto and omitted: a call ends with toolUse, text with stop")
    void autoAndOmitted(ProviderUnderTest provider) {
        for (StreamOptions options : List.of(StreamOptions.builder().toolChoice(ToolChoice.AUTO)
                .build(), StreamOptions.defaults())) {
            AssistantMessage message = run(provider, options, P04ToolCallTest.weather());
            StopReason expected = message.toolCalls().isEmpty() ? StopReason.STOP
                    : StopReason.TOOL_USE;
            assertEquals(expected, message.stopReason());
        }
    }

    @Test
    @DisplayName("P04b none: no tool call events, stop")
    void none(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(P04ToolCallTest.weather(), StreamOptions.builder()
                .toolChoice(ToolChoice.NONE).build());
        AssistantMessage message = Expect.answered(provider, record);
        assertTrue(record.events(StreamEvent.ToolCallStart.class).isEmpty(),
                "toolChoice none, but the model called " + message.toolCalls());
        assertEquals(StopReason.STOP, message.stopReason());
    }

    @Test
    @DisplayName("P04b a named function: any call is get_weather")
    void named(ProviderUnderTest provider) {
        AssistantMessage message = run(provider, StreamOptions.builder()
                .toolChoice(ToolChoice.function("get_weather")).build(),
                P04ToolCallTest.weather());
        for (ToolCall call : message.toolCalls()) {
            assertEquals("get_weather", call.name());
        }
        // with one tool a name cannot be told from auto: name the tool the prompt does not want
        AssistantMessage other = run(provider, StreamOptions.builder().temperature(0)
                .toolChoice(ToolChoice.function("get_time")).build(),
                P04ToolCallTest.weather().withTools(List.of(Fixtures.GET_WEATHER,
                        Fixtures.GET_TIME)));
        List<String> called = other.toolCalls().stream().map(ToolCall::name).toList();
        if (called.equals(List.of("get_time"))) {
            provider.observe("a named tool_choice is honoured (get_time named, get_time called)");
        } else {
            provider.deviation("a named tool_choice is not honoured: get_time named, "
                    + (called.isEmpty() ? "no call" : String.join(", ", called) + " called"));
        }
    }

    @Test
    @DisplayName("P04b two tools, required, temperature 0: each call on its own index")
    void twoTools(ProviderUnderTest provider) {
        Context context = P04ToolCallTest.weather().withTools(List.of(Fixtures.GET_WEATHER,
                Fixtures.GET_TIME));
        StreamRecord record = provider.stream(context, StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).temperature(0).build());
        AssistantMessage message = Expect.answered(provider, record);
        assertTrue(!message.toolCalls().isEmpty(), "toolChoice required, but no call");
        Set<Integer> indexes = new HashSet<>();
        for (StreamEvent.ToolCallStart start : record.events(StreamEvent.ToolCallStart.class)) {
            assertTrue(indexes.add(start.contentIndex()), "two calls share an index");
            assertTrue(Set.of("get_weather", "get_time").contains(start.name()),
                    "an unknown tool was called: " + start.name());
        }
        assertEquals(StopReason.TOOL_USE, message.stopReason());
    }
}
