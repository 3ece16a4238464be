package dev.providers.conformance.suite.behaviour;

import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.WireViews;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@DisplayName("B10 prompt caching")
class B10PromptCachingTest {

    @Test
    @DisplayName("B10 a repeated long prompt is read from the cache (reported; failed only "
            + "when the model prices cache reads)")
    void promptCaching(ProviderUnderTest provider) {
        Assumptions.assumeTrue(provider.wire().isPresent(), WireViews.missing(provider.api(),
                "whether the server reports usage") + ", so caching cannot be seen");
        Assumptions.assumeTrue(provider.expectsUsage(), "the provider does not ask for usage "
                + "(" + provider.wire().orElseThrow().usageOffCompat().entrySet().stream()
                        .map(flag -> flag.getKey() + ": " + flag.getValue())
                        .collect(Collectors.joining(", ")) + "), so caching cannot be seen");
        String system = Fixtures.longSystemPrompt(provider.spec().contextWindow());
        Context first = new Context(system, List.of(
                UserMessage.of("What is 2 + 2? Reply with just the number.")), List.of());
        AssistantMessage a1 = Expect.answered(provider,
                provider.stream(first, StreamOptions.defaults()));
        AssistantMessage a2 = Expect.answered(provider, provider.stream(first.with(a1)
                .with(UserMessage.of("What is 3 + 3? Reply with just the number.")),
                StreamOptions.defaults()));
        boolean cached = a2.usage().cacheRead() > 0 || a1.usage().cacheWrite() > 0;
        provider.observe("cache: first call wrote " + a1.usage().cacheWrite() + ", second "
                + "call read " + a2.usage().cacheRead() + " tokens");
        if (!cached && provider.spec().cost().cacheRead() > 0) {
            throw new AssertionError("the model prices cache reads (cost.cacheRead "
                    + provider.spec().cost().cacheRead() + ") but the repeated prompt was "
                    + "never read from the cache");
        }
    }
}
