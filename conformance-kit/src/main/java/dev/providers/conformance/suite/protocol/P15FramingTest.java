package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireSpecific;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P15 SSE framing, observed")
class P15FramingTest {

    @Test
    @WireSpecific("framing")
    @DisplayName("P15 a text stream decodes; its framing is recorded")
    void textFraming(ProviderUnderTest provider) {
        framing(provider, provider.stream(Context.ofUser(
                "Reply with exactly: 'Hello test successful'"), StreamOptions.defaults()));
    }

    @Test
    @Requires(Capability.TOOLS)
    @WireSpecific("framing")
    @DisplayName("P15 a tool-call stream decodes; its framing is recorded")
    void toolCallFraming(ProviderUnderTest provider) {
        framing(provider, provider.stream(P04ToolCallTest.weather(), StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).build()));
    }

    private static void framing(ProviderUnderTest provider, StreamRecord record) {
        AssistantMessage message = record.await();
        assertNotEquals(ErrorKind.PROTOCOL, message.errorKind(), "the stream did not decode: "
                + message.errorMessage());
        Expect.answered(provider, record);
        WireView wire = provider.wire().orElseThrow();
        provider.observe(record.label() + " framing: " + String.join(", ",
                wire.response(record.last()).framing()));
    }
}
