package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@DisplayName("B01 hello")
class B01HelloTest {

    @Test
    @DisplayName("B01 the model replies exactly as told, twice")
    void exactReplies(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            Context first = new Context("You are a helpful assistant. Be concise.",
                    List.of(UserMessage.of("Reply with exactly: 'Hello test successful'")),
                    List.of());
            AssistantMessage hello = Expect.answeredWithText(provider,
                    provider.stream(first, StreamOptions.defaults()));
            assertContains(hello, "hello test successful");
            AssistantMessage goodbye = Expect.answeredWithText(provider, provider.stream(
                    first.with(hello).with(UserMessage.of("Now say 'Goodbye test successful'")),
                    StreamOptions.defaults()));
            assertContains(goodbye, "goodbye test successful");
        });
    }

    static void assertContains(AssistantMessage message, String expected) {
        assertTrue(message.text().toLowerCase(Locale.ROOT).contains(expected),
                "the text lacks '" + expected + "': " + message.text());
    }
}
