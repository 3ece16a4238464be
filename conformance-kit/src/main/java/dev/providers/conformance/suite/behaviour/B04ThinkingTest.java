package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@Requires(Capability.THINKING)
@DisplayName("B04 thinking")
class B04ThinkingTest {

    @Test
    @DisplayName("B04 the model thinks about n + 27, answers it, and accepts its thinking back")
    void thinksAndAnswers(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            int n = ThreadLocalRandom.current().nextInt(255);
            provider.observe("attempt " + attempt + ": n = " + n);
            Context context = Context.ofUser("Think long and hard about " + n + " + 27. Think "
                    + "step by step. Then output the result.");
            StreamOptions medium = StreamOptions.builder().reasoning(ThinkingLevel.MEDIUM)
                    .build();
            StreamRecord record = provider.stream(context, medium);
            AssistantMessage message = Expect.answered(provider, record);
            assertEquals(StopReason.STOP, message.stopReason());
            assertFalse(record.events(StreamEvent.ThinkingStart.class).isEmpty(),
                    "no thinking_start");
            assertTrue(record.events(StreamEvent.ThinkingDelta.class).stream()
                    .anyMatch(d -> !d.delta().isBlank()), "no non-empty thinking_delta");
            assertFalse(record.events(StreamEvent.ThinkingEnd.class).isEmpty(),
                    "no thinking_end");
            assertTrue(message.content().stream().anyMatch(ThinkingContent.class::isInstance),
                    "no thinking block in the final message");
            assertTrue(message.text().contains(Integer.toString(n + 27)), "the answer lacks "
                    + (n + 27) + ": " + message.text());
            Expect.answered(provider, provider.stream(context.with(message).with(
                    UserMessage.of("Now add 1 to that.")), medium));
        });
    }
}
