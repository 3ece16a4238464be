package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@Requires(Capability.TOOLS)
@DisplayName("B02 math tool")
class B02MathToolTest {

    @Test
    @DisplayName("B02 15 + 27 becomes a math_operation call with numbers")
    void mathTool(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            StreamRecord record = provider.stream(new Context(
                    "You are a helpful assistant that uses tools when asked.",
                    List.of(UserMessage.of("Calculate 15 + 27 using the math_operation tool.")),
                    List.of(Fixtures.MATH_OPERATION)), StreamOptions.defaults());
            AssistantMessage message = Expect.answered(provider, record);
            assertEquals(StopReason.TOOL_USE, message.stopReason(), "no tool call: "
                    + message.text());
            List<StreamEvent.ToolCallStart> starts =
                    record.events(StreamEvent.ToolCallStart.class);
            assertFalse(starts.isEmpty(), "no toolcall_start");
            assertFalse(starts.get(0).id().isEmpty(), "no id at toolcall_start");
            assertEquals("math_operation", starts.get(0).name(), "the name at toolcall_start");
            ToolCall call = message.toolCalls().get(0);
            assertNumber(15, call.arguments().get("a"), "a");
            assertNumber(27, call.arguments().get("b"), "b");
            assertEquals("add", call.arguments().get("operation"), "operation");
        });
    }

    static void assertNumber(double expected, Object actual, String name) {
        assertTrue(actual instanceof Number, "'" + name + "' must be a JSON number, was "
                + (actual == null ? "missing" : actual.getClass().getSimpleName() + " "
                + actual));
        assertEquals(expected, ((Number) actual).doubleValue(), 1e-9, name);
    }
}
