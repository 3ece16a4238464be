package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UsageCost;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ModelCost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P08 usage arithmetic")
class P08UsageTest {

    @Test
    @DisplayName("P08 usage adds up, against the wire's own numbers")
    void usageArithmetic(ProviderUnderTest provider) {
        String system = Fixtures.longSystemPrompt(provider.spec().contextWindow());
        Context first = new Context(system, List.of(
                UserMessage.of("What is 2 + 2? Reply with just the number.")), List.of());
        StreamRecord one = provider.stream(first, StreamOptions.defaults());
        AssistantMessage a1 = Expect.answered(provider, one);
        Expect.usage(provider, one, a1);
        check(provider, one, a1);
        Context second = first.with(a1).with(
                UserMessage.of("What is 3 + 3? Reply with just the number."));
        StreamRecord two = provider.stream(second, StreamOptions.defaults());
        AssistantMessage a2 = Expect.answered(provider, two);
        Expect.usage(provider, two, a2);
        check(provider, two, a2);
        if (a2.usage().cacheRead() > 0) {
            provider.observe("the second call read " + a2.usage().cacheRead()
                    + " prompt tokens from the cache");
        }
    }

    @Test
    @DisplayName("P08 cost is price × tokens, checked with a synthetic price table")
    void costArithmetic(ProviderUnderTest provider) {
        ModelCost prices = new ModelCost(3, 15, 0.3, 3.75);
        ProviderUnderTest priced = provider.variant(new ProviderUnderTest.Variant(Map.of(),
                null, null, prices, null));
        StreamRecord record = priced.stream(Context.ofUser("What is 2 + 2? Reply with just "
                + "the number."), StreamOptions.defaults());
        AssistantMessage message = Expect.answered(provider, record);
        Usage usage = message.usage();
        UsageCost cost = usage.cost();
        assertEquals(prices.input() * usage.input() / 1e6, cost.input(), 1e-12, "input cost");
        assertEquals(prices.output() * usage.output() / 1e6, cost.output(), 1e-12,
                "output cost");
        assertEquals(prices.cacheRead() * usage.cacheRead() / 1e6, cost.cacheRead(), 1e-12,
                "cache read cost");
        assertEquals(prices.cacheWrite() * usage.cacheWrite() / 1e6, cost.cacheWrite(), 1e-12,
                "cache write cost");
        assertEquals(cost.input() + cost.output() + cost.cacheRead() + cost.cacheWrite(),
                cost.total(), 1e-12, "total cost");
        if (provider.expectsUsage()) {
            assertTrue(cost.total() > 0, "with usage and prices the cost cannot be zero");
        }
    }

    /** Compares the computed usage with the last usage the wire reported. */
    private static void check(ProviderUnderTest provider, StreamRecord record,
            AssistantMessage message) {
        Optional<WireView> view = provider.wire("the usage against the wire's own numbers");
        if (view.isEmpty()) {
            return;
        }
        ReceivedResponse.Usage wire = view.get().response(record.last()).usage();
        Usage usage = message.usage();
        if (wire == null) {
            if (provider.expectsUsage()) {
                provider.observe(record.label() + ": no usage on the wire");
            }
            return;
        }
        assertEquals(wire.prompt(), usage.input() + usage.cacheRead() + usage.cacheWrite(),
                "input + cacheRead + cacheWrite must equal the wire's prompt tokens");
        // a server may count reasoning inside its output or beside it (xAI); either way the
        // engine's output is the wire's, with the reasoning added where it was beside it
        assertTrue(usage.output() == wire.output()
                || usage.output() == wire.output() + wire.reasoning(), "output " + usage.output()
                + " must equal the wire's output " + wire.output() + ", or that plus its "
                + wire.reasoning() + " reasoning tokens");
        if (wire.total() != null && wire.total() != usage.totalTokens()) {
            provider.deviation(record.label() + ": the wire's total " + wire.total()
                    + " differs from the computed " + usage.totalTokens());
            Expect.advise(provider, record, message);
        }
    }
}
