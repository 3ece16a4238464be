package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P16 response metadata")
class P16MetadataTest {

    @Test
    @DisplayName("P16 response id, response model and timestamp come from the stream")
    void metadata(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(Context.ofUser(
                "Reply with exactly: 'Hello test successful'"), StreamOptions.defaults());
        AssistantMessage message = Expect.answered(provider, record);
        provider.wire("the response id and model against the wire's").ifPresent(view -> {
            ReceivedResponse wire = view.response(record.last());
            assertEquals(wire.responseId(), message.responseId(), "responseId is the first "
                    + "non-empty response id on the wire");
            String served = wire.responseModel();
            if (served == null || served.equals(provider.ref().model())) {
                assertNull(message.responseModel(), "responseModel is only set when the "
                        + "server names another model");
            } else {
                assertEquals(served, message.responseModel(), "responseModel is the model the "
                        + "wire names");
                provider.observe("the server answers as model '" + served + "' for '"
                        + provider.ref().model() + "'");
            }
        });
        assertTrue(message.timestamp() > 0, "the message has no timestamp");
        assertTrue(message.timestamp() <= record.arrivals().get(0), "the timestamp ("
                + message.timestamp() + ") is after the first event ("
                + record.arrivals().get(0) + ")");
    }
}
