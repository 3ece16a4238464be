package dev.providers.engine.internal.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialect's registration, auth, model list and compat defaults. */
class AnthropicDialectTest {

    private final AnthropicMessagesDialect dialect = new AnthropicMessagesDialect();

    @TempDir
    Path dir;

    @Test
    void theServiceLoaderFindsTheDialectByItsApi() {
        assertEquals(AnthropicMessagesDialect.class,
                Dialects.require("anthropic-messages").getClass());
        assertEquals(true, Dialects.ids().contains("anthropic-messages"));
    }

    @Test
    void anApiKeyGoesAsXApiKeyAndAnOauthTokenAsBearer() {
        assertEquals(Map.of("x-api-key", "sk-ant-api03-abc"),
                dialect.authHeaders("sk-ant-api03-abc"));
        assertEquals(Map.of("Authorization", "Bearer sk-ant-oat01-xyz"),
                dialect.authHeaders("sk-ant-oat01-xyz"));
    }

    @Test
    void theModelListIsReadAndFollowedWhileItHasMore() throws IOException {
        byte[] first = ("{\"data\":[{\"type\":\"model\",\"id\":\"claude-opus-4-6\",\"display_name"
                + "\":\"Claude Opus 4.6\",\"created_at\":\"2026-02-04T00:00:00Z\"}],\"has_more\":"
                + "true,\"first_id\":\"claude-opus-4-6\",\"last_id\":\"claude-opus-4-6\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] last = ("{\"data\":[{\"type\":\"model\",\"id\":\"claude-haiku-4-5\"}],\"has_more\":"
                + "false,\"first_id\":\"claude-haiku-4-5\",\"last_id\":\"claude-haiku-4-5\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("claude-opus-4-6"), dialect.parseModels(first));
        assertEquals(Map.of("after_id", "claude-opus-4-6", "limit", "1000"),
                dialect.nextModelsPage(first));
        assertEquals(Map.of(), dialect.nextModelsPage(last));
        // llama-server's list has no has_more: one page
        assertEquals(Map.of(), dialect.nextModelsPage("{\"object\":\"list\",\"data\":[]}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> dialect.nextModelsPage(
                "{\"data\":[],\"has_more\":true}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSchemasDefaultsAreAnthropicsOwnApi() {
        ResolvedModel model = AnthropicModels.load(dir, "{}", AnthropicModels.PLAIN);
        assertEquals(AnthropicCompat.DEFAULTS, AnthropicCompat.of(model.compat()));
        assertEquals(dialect.compatSchema(), SchemaCatalog.schemaText(
                "compat-anthropic-messages.schema.json"));
    }

    @Test
    void everyFlagIsRead() {
        ResolvedModel model = AnthropicModels.load(dir, "{betaFeatures: [a-1], "
                + "supportsCacheControl: false, supportsLongCacheRetention: false, "
                + "thinkingMode: adaptive, requiresThinkingSignature: false, "
                + "supportsToolChoiceNone: false, supportsImagesInToolResults: false, "
                + "toolCallIdFormat: {maxLength: 40, charset: alphanumeric}, "
                + "overflowPatterns: ['input is too long'], contextPrecheck: true, "
                + "omitFields: [metadata]}", AnthropicModels.PLAIN);
        AnthropicCompat compat = AnthropicCompat.of(model.compat());
        assertEquals(new AnthropicCompat(List.of("a-1"), false, false, true, false, false, false,
                new dev.providers.engine.spi.ToolCallIdFormat(40, true, null),
                List.of("input is too long"), true, List.of("metadata")), compat);
        assertEquals(List.of("input is too long", "^413:"),
                dialect.bind(model).overflowPatterns());
    }
}
