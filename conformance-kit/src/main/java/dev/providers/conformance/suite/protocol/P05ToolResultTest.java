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
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.TOOLS)
@DisplayName("P05 tool result round trip")
class P05ToolResultTest {

    @Test
    @DisplayName("P05 a tool result is sent back and answered")
    void roundTrip(ProviderUnderTest provider) throws Exception {
        AssistantMessage call = P04ToolCallTest.requiredCall(provider);
        ToolCall toolCall = call.toolCalls().get(0);
        Context context = P04ToolCallTest.weather().with(call).with(ToolResultMessage.of(
                toolCall.id(), toolCall.name(), "sunny, 21C"));
        StreamRecord record = provider.stream(context, StreamOptions.defaults());
        AssistantMessage answer = Expect.answered(provider, record);
        assertFalse(answer.content().isEmpty(), "the answer to a tool result is empty");

        JsonNode messages = record.requestJson().path("messages");
        int assistant = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).has("tool_calls")) {
                assistant = i;
            }
        }
        assertTrue(assistant >= 0, "the replayed assistant message lost its tool_calls");
        JsonNode tool = messages.get(assistant + 1);
        assertEquals("tool", tool.path("role").asText(), "role tool must follow tool_calls");
        assertEquals(messages.get(assistant).at("/tool_calls/0/id").asText(),
                tool.path("tool_call_id").asText(), "tool_call_id must match the call's id");
    }
}
