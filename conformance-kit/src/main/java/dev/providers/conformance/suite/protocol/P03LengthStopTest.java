package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

@ProtocolTier
@DisplayName("P03 length stop")
class P03LengthStopTest {

    @ParameterizedTest(name = "P03 maxTokens {0} ends with length")
    @ValueSource(ints = {2, 3})
    void maxTokensEndsWithLength(int maxTokens, ProviderUnderTest provider) {
        StreamRecord record = provider.stream(new Context("You are a helpful assistant.",
                List.of(UserMessage.of("Count from 1 to 3")), List.of()),
                StreamOptions.builder().maxTokens(maxTokens).build());
        AssistantMessage message = Expect.answered(provider, record);
        if (message.rawStopReason() == null) {
            // the dialect let the stream end without a stop reason (for chat completions,
            // compat.supportsFinishReason: false): a length stop cannot be told from a stop
            provider.deviation("the server sends no finish_reason, so a length stop reads as "
                    + Expect.describe(message));
        } else {
            assertEquals(StopReason.LENGTH, message.stopReason(), "a limit of " + maxTokens
                    + " tokens must end with length");
        }
        provider.wire("the output limit in the body and the raw stop reason").ifPresent(
                wire -> {
                    assertEquals(maxTokens, wire.request(record.last()).maxTokens(),
                            "the body must carry the output limit");
                    assertEquals(wire.response(record.last()).finishReason(),
                            message.rawStopReason(), "rawStopReason is the wire's, verbatim");
                });
        if (provider.expectsUsage()) {
            assertTrue(message.usage().output() <= maxTokens, "output "
                    + message.usage().output() + " exceeds the limit " + maxTokens);
        }
    }
}
