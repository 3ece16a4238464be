package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@DisplayName("B08 cancel and continue")
class B08CancelAndContinueTest {

    @Test
    @DisplayName("B08 cancelled after 50 characters, the conversation continues")
    void cancelAndContinue(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            Context context = new Context("You are a helpful assistant.", List.of(
                    UserMessage.of("What is 15 + 27? Think step by step. Then list 50 first "
                            + "names.")), List.of());
            StreamRecord record = CancelAfter.chars(provider, context, 50);
            AssistantMessage aborted = record.await();
            assertEquals(StopReason.ABORTED, aborted.stopReason(), "the answer ended before "
                    + "50 characters arrived, so nothing was cancelled: "
                    + Expect.describe(aborted));
            assertFalse(aborted.content().isEmpty(), "what arrived before the cancel is kept");
            AssistantMessage next = Expect.answered(provider, provider.stream(context
                    .with(aborted).with(UserMessage.of("Please continue, but only generate 5 "
                            + "names.")), StreamOptions.defaults()));
            assertEquals(StopReason.STOP, next.stopReason());
            assertFalse(next.content().isEmpty(), "the follow-up is empty");
        });
    }
}
