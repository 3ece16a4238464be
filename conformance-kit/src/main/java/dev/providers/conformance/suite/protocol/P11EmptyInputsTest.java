package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ProtocolTier
@DisplayName("P11 empty inputs")
class P11EmptyInputsTest {

    /** The four empty inputs of the catalogue. */
    enum Case {
        EMPTY_CONTENT_ARRAY("user content []"),
        EMPTY_STRING("user text \"\""),
        WHITESPACE("user text of spaces, a newline and a tab"),
        EMPTY_ASSISTANT_TURN("an empty assistant turn in the history");

        private final String label;

        Case(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        List<Message> messages(ProviderUnderTest provider) {
            return switch (this) {
                case EMPTY_CONTENT_ARRAY -> List.of(new UserMessage(List.of(), 0));
                case EMPTY_STRING -> List.of(UserMessage.of(""));
                case WHITESPACE -> List.of(UserMessage.of("   \n\t  "));
                case EMPTY_ASSISTANT_TURN -> List.of(UserMessage.of("Hello, how are you?"),
                        AssistantMessage.of(provider.ref().provider(), provider.ref().model()),
                        UserMessage.of("Please respond this time."));
            };
        }
    }

    @ParameterizedTest(name = "P11 {0}: an answer or a clear error, never a hang")
    @EnumSource(Case.class)
    void emptyInput(Case input, ProviderUnderTest provider) {
        StreamRecord record = provider.stream(new Context(null, input.messages(provider),
                List.of()), StreamOptions.defaults());
        AssistantMessage message = record.await();
        if (message.stopReason().isNormal()) {
            if (input == Case.EMPTY_ASSISTANT_TURN) {
                assertFalse(message.content().isEmpty(), "after an empty assistant turn the "
                        + "model must answer this time");
            }
            provider.observe(input + ": answered (" + Expect.describe(message) + ")");
        } else {
            assertTrue(message.stopReason() == StopReason.ERROR, "only a cancel may abort: "
                    + Expect.describe(message));
            assertNotNull(message.errorMessage());
            assertFalse(message.errorMessage().isBlank(), "an error needs a message");
            provider.observe(input + ": rejected with " + Expect.describe(message));
        }
        if (input == Case.EMPTY_ASSISTANT_TURN && !record.exchanges().isEmpty()) {
            provider.wire("that the empty turn is left out of the body").ifPresent(wire -> {
                List<SentRequest.Message> replayed = wire.request(record.last())
                        .messages(SentRequest.Role.ASSISTANT);
                assertTrue(replayed.isEmpty(), "an empty assistant turn must not be replayed: "
                        + replayed);
            });
        }
    }
}
