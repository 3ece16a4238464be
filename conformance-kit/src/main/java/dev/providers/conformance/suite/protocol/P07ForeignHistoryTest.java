package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.TOOLS)
@DisplayName("P07 foreign history")
class P07ForeignHistoryTest {

    @Test
    @DisplayName("P07 another model's turn: thinking as text, its long id normalised")
    void foreignTurn(ProviderUnderTest provider) {
        String foreignId = "call|" + "abc=def".repeat(63) + "|item=1";
        AssistantMessage foreign = new AssistantMessage(List.of(
                new ThinkingContent("The user wants the weather; call get_weather.",
                        "reasoning_content", false),
                new TextContent("Let me check."),
                ToolCall.of(foreignId, "get_weather", Map.of("city", "Paris"))),
                "openai-completions", "another-provider", "another-model", null, null,
                Usage.ZERO, StopReason.TOOL_USE, "tool_calls", null, null, 0);
        Context context = new Context(P04ToolCallTest.SYSTEM, List.of(
                UserMessage.of(P04ToolCallTest.WEATHER), foreign,
                ToolResultMessage.of(foreignId, "get_weather", "sunny, 21C"),
                UserMessage.of("Continue.")), List.of(Fixtures.GET_WEATHER));
        StreamRecord record = provider.stream(context, StreamOptions.defaults());
        Expect.answered(provider, record);

        provider.wire("how the foreign turn was sent").ifPresent(wire -> {
            SentRequest sent = wire.request(record.last());
            SentRequest.Message assistant = sent.lastWithToolCalls();
            List<SentRequest.ToolResult> results = sent.toolResults();
            assertTrue(assistant != null && !results.isEmpty(),
                    "the replayed call or result is missing");
            // requiresReasoningContentOnAssistantMessages adds an empty reasoning_content to
            // every replayed assistant turn; the foreign thinking itself must not be in it
            assertTrue(assistant.thinking().stream().allMatch(t -> t.text().isEmpty()),
                    "foreign thinking must be sent as text, not as thinking: " + assistant);
            assertTrue(assistant.text().contains("call get_weather"),
                    "the foreign thinking is missing from the text");
            String sentId = assistant.toolCalls().get(0).id();
            assertTrue(wire.toolCallIds().matcher(sentId).matches(),
                    "the foreign id was not normalised to " + wire.toolCallIds() + ": " + sentId);
            assertEquals(sentId, results.get(results.size() - 1).callId(),
                    "the call and its result must carry the same normalised id");
        });
    }
}
