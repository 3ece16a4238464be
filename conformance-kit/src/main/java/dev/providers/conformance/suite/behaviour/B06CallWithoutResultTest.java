package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@Requires(Capability.TOOLS)
@DisplayName("B06 tool call without result")
class B06CallWithoutResultTest {

    @Test
    @DisplayName("B06 a call left unanswered does not break the next turn")
    void callWithoutResult(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            Context context = new Context("You are a helpful assistant. Use the calculate "
                    + "tool when asked to perform calculations.", List.of(UserMessage.of(
                    "Please calculate 25 * 18 using the calculate tool.")),
                    List.of(Fixtures.CALCULATE));
            AssistantMessage call = Expect.answered(provider,
                    provider.stream(context, StreamOptions.defaults()));
            assertTrue(call.toolCalls().stream().anyMatch(c -> c.name().equals("calculate")),
                    "no calculate call: " + call.content());
            AssistantMessage next = Expect.answered(provider, provider.stream(context.with(call)
                    .with(UserMessage.of("Never mind, just tell me what is 2+2?")),
                    StreamOptions.defaults()));
            assertFalse(next.content().isEmpty(), "the answer is empty");
            if (next.stopReason() == StopReason.STOP) {
                assertTrue(next.text().contains("4"), "2+2 is not answered: " + next.text());
            }
        });
    }
}
