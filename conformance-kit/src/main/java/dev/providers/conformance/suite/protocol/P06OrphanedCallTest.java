package dev.providers.conformance.suite.protocol;

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
import dev.providers.engine.message.UserMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.TOOLS)
@DisplayName("P06 orphaned tool call")
class P06OrphanedCallTest {

    @Test
    @DisplayName("P06 a call left without a result gets a synthetic one")
    void orphanedCall(ProviderUnderTest provider) throws Exception {
        AssistantMessage call = P04ToolCallTest.requiredCall(provider);
        String id = call.toolCalls().get(0).id();
        Context context = P04ToolCallTest.weather().with(call)
                .with(UserMessage.of("Never mind, just say hello."));
        StreamRecord record = provider.stream(context, StreamOptions.defaults());
        AssistantMessage answer = Expect.answered(provider, record);
        assertFalse(answer.content().isEmpty(), "the answer is empty");
        provider.wire("the synthetic result in the body").ifPresent(wire -> {
            SentRequest sent = wire.request(record.last());
            // the call as replayed: a dialect may send no ids, and its view pairs by position
            SentRequest.Message replayed = sent.lastWithToolCalls();
            String sentId = replayed == null ? id : replayed.toolCalls().get(0).id();
            boolean synthetic = sent.toolResults().stream().anyMatch(
                    r -> r.callId().equals(sentId) && r.text().contains("No result provided"));
            assertTrue(synthetic, "the body lacks the synthetic result for the orphaned call "
                    + id);
        });
    }
}
