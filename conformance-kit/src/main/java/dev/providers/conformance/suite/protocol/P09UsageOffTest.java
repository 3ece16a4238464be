package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireSpecific;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Usage;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P09 usage switched off")
class P09UsageOffTest {

    @Test
    @WireSpecific("usage switched off")
    @DisplayName("P09 without asking for usage, usage is zero or consistent, never garbage")
    void usageOff(ProviderUnderTest provider) {
        WireView wire = provider.wire().orElseThrow();
        Map<String, Object> flags = wire.usageOffCompat();
        Assumptions.assumeFalse(flags.isEmpty(), "the dialect " + provider.api()
                + " always streams usage: there is no switch to turn off");
        ProviderUnderTest off = provider.variant(ProviderUnderTest.Variant.compat(flags));
        StreamRecord record = off.stream(Context.ofUser(
                "Reply with exactly: 'Hello test successful'"), StreamOptions.defaults());
        AssistantMessage message = Expect.answeredWithText(off, record);
        assertFalse(wire.request(record.last()).usageRequested(),
                "the body still asks for usage although " + flags + " switched it off");
        Usage usage = message.usage();
        boolean zero = usage.totalTokens() == 0;
        assertTrue(zero || (usage.input() + usage.cacheRead() > 0 && usage.output() > 0),
                "usage is neither zero nor plausible: " + usage);
        provider.observe(zero ? "no usage without asking for it"
                : "usage arrives even without asking for it");
    }
}
