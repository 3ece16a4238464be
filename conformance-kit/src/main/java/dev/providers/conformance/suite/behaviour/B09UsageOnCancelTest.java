package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Usage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@DisplayName("B09 usage on cancel")
class B09UsageOnCancelTest {

    @Test
    @DisplayName("B09 a stream cancelled after 1000 characters reports no made-up usage")
    void usageOnCancel(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            StreamRecord record = CancelAfter.chars(provider, Context.ofUser("Write a long "
                    + "poem with 20 stanzas about the beauty of nature."), 1000);
            AssistantMessage aborted = record.await();
            assertEquals(StopReason.ABORTED, aborted.stopReason(), "the poem ended before "
                    + "1000 characters: " + Expect.describe(aborted));
            Usage usage = aborted.usage();
            if (usage.totalTokens() == 0) {
                assertEquals(0, usage.cost().total(), 0.0, "no tokens, no cost");
            } else {
                // G13 has checked the arithmetic; a server that streams usage early is noted
                provider.observe("usage arrived before the cancel: " + usage);
            }
        });
    }
}
