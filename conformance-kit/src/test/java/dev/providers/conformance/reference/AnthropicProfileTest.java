package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Messages profiles: their provider files, their fixes, their ids. */
class AnthropicProfileTest {

    private static final URI BASE = URI.create("http://127.0.0.1:1234/v1");

    @Test
    void theConformantFileDeclaresAnthropicsOwnApi() {
        String yaml = Profile.ANTHROPIC.providerYaml(BASE, "sk-test");
        for (String line : new String[] {"id: demo-anthropic\n", "api: anthropic-messages\n",
            "authHeader: true\n", "  betaFeatures: [fine-grained-tool-streaming-2025-05-14, "
                    + "interleaved-thinking-2025-05-14]\n", "  requiresThinkingSignature: true\n",
            "  supportsCacheControl: true\n", "  supportsToolChoiceNone: true\n",
            "  thinkingMode: budget\n", "    reasoning: true\n", "    input: [text, image]\n"}) {
            assertTrue(yaml.contains(line), line + " in\n" + yaml);
        }
    }

    @Test
    void theFirstMessagesProfileIsTheDemoAndEachFixNamesItsFlags() {
        assertEquals(Profile.ANTHROPIC, Profile.byProviderId("demo-anthropic"));
        assertEquals("demo-anthropic-llamacpp", Profile.byId("anthropic-llamacpp")
                .providerId());
        Set<Profile> absorbed = Set.of(Profile.ANTHROPIC, Profile.ANTHROPIC_NO_PING,
                Profile.ANTHROPIC_SIGNED_THINKING, Profile.ANTHROPIC_REDACTED_THINKING,
                Profile.ANTHROPIC_ERROR_AFTER_CONTENT);
        for (Profile profile : Profile.values()) {
            if (profile.api().equals(Profile.ANTHROPIC_MESSAGES)) {
                assertEquals(absorbed.contains(profile), profile.compatFix().isEmpty(),
                        profile.id());
            }
        }
        assertEquals("supportsImagesInToolResults: false\nsupportsToolChoiceNone: false\n",
                Profile.ANTHROPIC_LLAMACPP.compatFix());
        assertTrue(Profile.ANTHROPIC_NO_BETA.fixedProviderYaml(BASE, "k").contains(
                "  betaFeatures: []\n"));
        assertTrue(Profile.ANTHROPIC_UNSIGNED_THINKING.fixedProviderYaml(BASE, "k").contains(
                "  requiresThinkingSignature: false\n"));
    }
}
