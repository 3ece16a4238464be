package dev.providers.engine.internal.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.message.Context;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ThinkingLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in catalog's Messages providers, with the flags each one's comments justify. */
class AnthropicCatalogTest {

    private final ProviderRegistry registry = ProviderLoader.create().assemble(List.of(), 1)
            .registry();

    private ResolvedModel model(String provider, String id) {
        return registry.model(ModelRef.of(provider, id));
    }

    private static String thinking(ResolvedModel model, ThinkingLevel level) {
        String body = new String(new AnthropicMessagesDialect().bind(model).encode(
                Context.ofUser("x"), StreamOptions.builder().reasoning(level).build()).body(),
                StandardCharsets.UTF_8);
        return body.substring(body.indexOf("\"thinking\":"));
    }

    @Test
    void anthropicIsTheApiItselfWithAdaptiveThinkingOnTheFourSixModels() {
        ResolvedModel opus = model("anthropic", "claude-opus-4-6");
        assertEquals("anthropic-messages", opus.api());
        assertEquals("https://api.anthropic.com/v1", opus.baseUrl().toString());
        assertEquals(Set.of("ANTHROPIC_API_KEY"), opus.provider().apiKey().envNames());
        assertEquals("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":"
                + "\"max\"}}", thinking(opus, ThinkingLevel.MAX));
        ResolvedModel haiku = model("anthropic", "claude-haiku-4-5");
        assertEquals("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":8192}}",
                thinking(haiku, ThinkingLevel.MEDIUM));
        for (String id : List.of("claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5",
                "claude-sonnet-4-5", "claude-opus-4-5")) {
            ResolvedModel model = model("anthropic", id);
            assertTrue(model.model().reasoning() && model.model().acceptsImages(), id);
            assertEquals(AnthropicCompat.DEFAULTS.betaFeatures(),
                    AnthropicCompat.of(model.compat()).betaFeatures(), id);
        }
    }

    @Test
    void theCompatibleEndpointsCarryTheFlagsTheirCommentsCite() {
        AnthropicCompat llama = AnthropicCompat.of(model("llama-cpp-anthropic", "tiny-llama")
                .compat());
        assertEquals(false, llama.toolChoiceNone());
        assertEquals(false, llama.imagesInToolResults());
        AnthropicCompat deepseek = AnthropicCompat.of(model("deepseek-anthropic",
                "deepseek-reasoner").compat());
        assertEquals(false, deepseek.requiresThinkingSignature());
        assertEquals("https://api.deepseek.com/anthropic/v1", model("deepseek-anthropic",
                "deepseek-chat").baseUrl().toString());
        AnthropicCompat minimax = AnthropicCompat.of(model("minimax", "MiniMax-M2").compat());
        assertEquals(false, minimax.requiresThinkingSignature());
        assertEquals(false, model("minimax", "MiniMax-M2").model().acceptsImages());
    }
}
