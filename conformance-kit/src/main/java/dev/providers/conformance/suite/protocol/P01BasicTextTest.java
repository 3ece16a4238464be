package dev.providers.conformance.suite.protocol;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P01 basic text + replay")
class P01BasicTextTest {

    @Test
    @DisplayName("P01 a text answer, then a second turn that replays it")
    void textAndReplay(ProviderUnderTest provider) {
        Context first = new Context("You are a helpful assistant. Be concise.",
                List.of(UserMessage.of("Reply with exactly: 'Hello test successful'")),
                List.of());
        StreamRecord one = provider.stream(first, StreamOptions.defaults());
        AssistantMessage answer = Expect.answeredWithText(provider, one);
        Expect.usage(provider, one, answer);

        Context second = first.with(answer)
                .with(UserMessage.of("Now say 'Goodbye test successful'"));
        StreamRecord two = provider.stream(second, StreamOptions.defaults());
        AssistantMessage again = Expect.answeredWithText(provider, two);
        Expect.usage(provider, two, again);
    }
}
