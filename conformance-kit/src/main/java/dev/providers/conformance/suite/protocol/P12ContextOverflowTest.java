package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.CONTEXT)
@DisplayName("P12 context overflow")
class P12ContextOverflowTest {

    @Test
    @DisplayName("P12 a prompt far beyond the context window ends in context_overflow")
    void overflow(ProviderUnderTest provider) {
        int window = provider.spec().contextWindow();
        Context context = new Context("You are a helpful assistant.",
                List.of(UserMessage.of(Fixtures.overflowFiller(window))), List.of());
        // the dialect's pre-check, if it has one, is switched off so that the server sees it
        String precheckFlag = provider.wire().map(WireView::contextPrecheckFlag).orElse(null);
        ProviderUnderTest serverSide = precheckFlag == null ? provider : provider.variant(
                ProviderUnderTest.Variant.compat(Map.of(precheckFlag, false)));
        StreamRecord record = serverSide.stream(context, StreamOptions.defaults());
        AssistantMessage message = record.await();

        if (message.errorKind() == ErrorKind.CONTEXT_OVERFLOW) {
            provider.observe("the server's overflow message: " + message.errorMessage());
            int status = record.last().status();
            if (status != 200) {
                assertTrue(record.events(StreamEvent.Start.class).isEmpty(), "a rejection "
                        + "before streaming (HTTP " + status + ") must not start the stream");
            }
            return;
        }
        if (message.stopReason() == StopReason.ERROR) {
            fail("the overflow was not recognised as context_overflow: "
                    + Expect.describe(message) + ". If this message means the context "
                    + "overflowed, add a pattern that matches it to compat.overflowPatterns");
        }
        long prompt = message.usage().input() + message.usage().cacheRead()
                + message.usage().cacheWrite();
        if (message.stopReason() == StopReason.STOP && prompt > window) {
            provider.deviation("silent overflow: the server answered although the prompt ("
                    + prompt + " tokens) exceeds the context window (" + window + ")");
            return;
        }
        // The server truncated the prompt without a word: only a client-side estimate helps.
        provider.deviation("undetectable truncation: the server answered "
                + Expect.describe(message) + " with only " + prompt + " prompt tokens for a "
                + "prompt of about " + Fixtures.overflowFiller(window).length() / 4 + " tokens");
        String truncated = "the server silently truncated a prompt beyond the context window "
                + "of " + window + " tokens (" + prompt + " prompt tokens reported); the engine "
                + "can only catch this before sending";
        if (precheckFlag == null) {
            fail(truncated + ", and the dialect " + provider.api() + " has no pre-check");
        }
        if (!provider.compat().flag(precheckFlag)) {
            provider.suggest(precheckFlag + ": true");
            fail(truncated + ": set compat." + precheckFlag + ": true");
        }
        StreamRecord checked = provider.stream(context, StreamOptions.defaults());
        AssistantMessage precheck = checked.await();
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, precheck.errorKind(), "with "
                + "compat." + precheckFlag + " the engine must refuse before sending: "
                + Expect.describe(precheck));
        assertTrue(checked.exchanges().isEmpty(), "the pre-check must not send the request");
    }
}
