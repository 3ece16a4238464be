package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P10 cancel")
class P10CancelTest {

    private static final Context LONG = new Context("You are a helpful assistant.",
            List.of(UserMessage.of("What is 15 + 27? Think step by step. Then list 50 first "
                    + "names.")), List.of());

    @Test
    @DisplayName("P10a cancelled before the head: one event, aborted")
    void beforeTheHead(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(LONG, StreamOptions.defaults());
        record.cancel();
        AssistantMessage message = record.await();
        if (message.stopReason() == StopReason.ERROR && !record.exchanges().isEmpty()
                && record.last().status() >= 400) {
            // a server that refuses at once can answer before the cancel lands
            provider.observe("the server refused the request before the immediate cancel: "
                    + Expect.describe(message));
            return;
        }
        assertEquals(StopReason.ABORTED, message.stopReason());
        assertEquals(ErrorKind.ABORTED, message.errorKind());
        if (record.events().size() == 1) {
            assertTrue(message.content().isEmpty(), "nothing can have arrived yet");
        } else {
            provider.observe("the response head arrived before the immediate cancel");
        }
    }

    @Test
    @DisplayName("P10b/c cancelled from the listener mid-stream, then the conversation goes on")
    void midStreamThenContinue(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(LONG, StreamOptions.defaults(), (self, event) -> {
            if (event instanceof StreamEvent.TextDelta
                    || event instanceof StreamEvent.ThinkingDelta) {
                self.cancel();
            }
        });
        AssistantMessage aborted = record.await();
        assertEquals(StopReason.ABORTED, aborted.stopReason(), "cancel must end with aborted, "
                + "was " + Expect.describe(aborted));
        List<StreamEvent> events = record.events();
        int firstDelta = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof StreamEvent.TextDelta
                    || events.get(i) instanceof StreamEvent.ThinkingDelta) {
                firstDelta = i;
                break;
            }
        }
        assertTrue(firstDelta >= 0, "no delta arrived before the stream ended");
        assertEquals(firstDelta + 2, events.size(), "after the cancel the next event must be the "
                + "terminal one; events: " + events.subList(firstDelta, events.size()));
        assertFalse(aborted.content().isEmpty(), "what arrived before the cancel is kept");
        if (!provider.expectsUsage() || aborted.usage().totalTokens() == 0) {
            assertEquals(0, aborted.usage().cost().total(), 0.0, "no usage, no cost");
        }

        Context next = LONG.with(aborted).with(UserMessage.of(
                "Please continue, but only generate 5 names."));
        StreamRecord after = provider.stream(next, StreamOptions.defaults());
        AssistantMessage answer = Expect.answered(provider, after);
        assertEquals(StopReason.STOP, answer.stopReason());
        assertFalse(answer.content().isEmpty());
        provider.wire("that the aborted turn is left out of the body").ifPresent(wire ->
                assertTrue(wire.request(after.last()).messages(SentRequest.Role.ASSISTANT)
                        .isEmpty(), "the aborted turn must not be replayed"));
    }
}
