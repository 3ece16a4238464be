package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import java.util.List;
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

        provider.wire("where the tool result went in the body").ifPresent(wire -> {
            List<SentRequest.Message> messages = wire.request(record.last()).messages();
            int replayed = -1;
            for (int i = 0; i < messages.size(); i++) {
                replayed = messages.get(i).toolCalls().isEmpty() ? replayed : i;
            }
            assertTrue(replayed >= 0, "the replayed assistant turn lost its tool calls");
            int next = replayed + 1;
            assertTrue(next < messages.size(), "nothing follows the replayed tool call");
            String callId = messages.get(replayed).toolCalls().get(0).id();
            assertTrue(messages.get(next).toolResults().stream()
                    .anyMatch(r -> r.callId().equals(callId)), "the turn after the call must "
                    + "carry its result, with the call's id " + callId + ": " + messages.get(next));
            assertEquals("sunny, 21C", messages.get(next).toolResults().get(0).text(),
                    "the result's text");
        });
    }
}
