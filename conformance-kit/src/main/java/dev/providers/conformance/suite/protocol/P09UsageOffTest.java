package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Usage;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P09 usage switched off")
class P09UsageOffTest {

    @Test
    @DisplayName("P09 without stream_options, usage is zero or consistent, never garbage")
    void usageOff(ProviderUnderTest provider) {
        ProviderUnderTest off = provider.variant(ProviderUnderTest.Variant.compat(
                Map.of("supportsUsageInStreaming", false)));
        StreamRecord record = off.stream(Context.ofUser(
                "Reply with exactly: 'Hello test successful'"), StreamOptions.defaults());
        AssistantMessage message = Expect.answeredWithText(off, record);
        assertFalse(record.requestJson().has("stream_options"),
                "stream_options was sent although switched off");
        Usage usage = message.usage();
        boolean zero = usage.totalTokens() == 0;
        assertTrue(zero || (usage.input() + usage.cacheRead() > 0 && usage.output() > 0),
                "usage is neither zero nor plausible: " + usage);
        provider.observe(zero ? "no usage without stream_options"
                : "usage arrives even without stream_options");
    }
}
