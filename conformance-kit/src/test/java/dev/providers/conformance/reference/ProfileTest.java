package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiles' provider files load, and the fix is exactly what each deviation needs. */
class ProfileTest {

    private static final URI BASE = URI.create("http://127.0.0.1:1234/v1");

    @TempDir Path dir;

    @Test
    void everyProviderFileLoadsWithAndWithoutItsFix() throws IOException {
        for (Profile profile : Profile.values()) {
            for (boolean fixed : new boolean[] {false, true}) {
                Path sub = Files.createDirectories(dir.resolve(profile.id() + fixed));
                String yaml = fixed ? profile.fixedProviderYaml(BASE, "sk-${not-a-var}")
                        : profile.providerYaml(BASE, "sk-${not-a-var}");
                Files.writeString(sub.resolve(profile.providerId() + ".yaml"), yaml);
                var result = ProviderLoader.withoutBuiltins().load(sub);
                assertEquals(0, result.diagnostics().size(), profile.id() + ": "
                        + result.diagnostics());
                ProviderRegistry registry = result.requireValid();
                assertTrue(registry.provider(profile.providerId()).isPresent());
            }
        }
    }

    @Test
    void theConformantFileDeclaresWhatOpenAiSupports() {
        String yaml = Profile.OPENAI.providerYaml(BASE, "sk-test");
        for (String line : new String[] {"id: demo\n", "authHeader: true\n",
            "  supportsStore: true\n", "  supportsDeveloperRole: true\n",
            "  maxTokensField: max_completion_tokens\n", "  thinkingFormat: openai\n",
            "    reasoning: true\n", "    input: [text, image]\n", "    contextWindow: 16384\n",
            "    maxTokens: 4096\n"}) {
            assertTrue(yaml.contains(line), line);
        }
    }

    @Test
    void onlyTheAbsorbedProfilesComeWithoutAFix() {
        Set<Profile> absorbed = Set.of(Profile.OPENAI, Profile.AZURE, Profile.OPENROUTER,
                Profile.GROQ, Profile.LLAMACPP, Profile.GEMINI, Profile.GEMINI_NO_CALL_IDS,
                Profile.GEMINI_ERROR_ARRAY, Profile.GEMINI_USAGE_LAST,
                // no flag can fix these two: they come without one too
                Profile.GEMINI_SAFETY, Profile.GEMINI_MALFORMED_CALLS);
        for (Profile profile : Profile.values()) {
            if (profile.api().equals(Profile.CHAT_COMPLETIONS)) {
                assertEquals(absorbed.contains(profile), profile.compatFix().isEmpty(),
                        profile.id());
            }
        }
        assertEquals("requiresReasoningContentOnAssistantMessages: true\n"
                + "supportsDeveloperRole: false\n", Profile.DEEPSEEK.compatFix());
        assertTrue(Profile.MISTRAL.fixedProviderYaml(BASE, "k").contains(
                "  toolCallIdFormat: {exactLength: 9, charset: alphanumeric}\n"));
        assertTrue(Profile.NO_STORE.fixedProviderYaml(BASE, "k").contains(
                "  supportsStore: false\n"));
    }

    @Test
    void findsProfilesById() {
        assertEquals(Profile.NO_DEVELOPER_ROLE, Profile.byId("no-developer-role"));
        assertEquals("demo-think-tags", Profile.byId("think-tags").providerId());
        assertThrows(IllegalArgumentException.class, () -> Profile.byId("nope"));
    }
}
