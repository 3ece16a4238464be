package dev.providers.engine.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.ModelLists;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code anthropic-messages} dialect: Anthropic's Messages API
 * ({@code POST {baseUrl}/messages}) as Anthropic and the Anthropic-compatible servers speak it,
 * their deviations absorbed through compat flags (docs/dialects/anthropic-messages.md).
 * Registered like any dialect, through {@code META-INF/services}.
 *
 * <p>Thread-safety: stateless.
 */
public final class AnthropicMessagesDialect implements Dialect {

    /** The id provider files name in {@code api}. */
    public static final String API = "anthropic-messages";

    /** The compat schema's file, bundled with the engine. */
    static final String COMPAT_SCHEMA = "compat-anthropic-messages.schema.json";

    /** What a Claude OAuth access token starts with; it goes as a Bearer token. */
    static final String OAUTH_PREFIX = "sk-ant-oat";

    /** How many models a page after the first asks for (Anthropic's maximum). */
    static final String PAGE_LIMIT = "1000";

    /** Creates the dialect; the service loader calls this. */
    public AnthropicMessagesDialect() { }

    @Override
    public String api() {
        return API;
    }

    @Override
    public String compatSchema() {
        return SchemaCatalog.schemaText(COMPAT_SCHEMA);
    }

    @Override
    public DialectModel bind(ResolvedModel model) {
        return new AnthropicModel(model, AnthropicCompat.of(model.compat()));
    }

    /**
     * Returns {@code x-api-key: <key>}, or {@code Authorization: Bearer <key>} for a Claude
     * OAuth access token ({@code sk-ant-oat…}).
     */
    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return apiKey.startsWith(OAUTH_PREFIX) ? Map.of("Authorization", "Bearer " + apiKey)
                : Map.of("x-api-key", apiKey);
    }

    /** Reads {@code {data: [{id, display_name, created_at}], has_more, last_id}}. */
    @Override
    public List<String> parseModels(byte[] body) throws IOException {
        return ModelLists.openAi(body);
    }

    /** Returns {@code after_id} = the page's {@code last_id} while {@code has_more} is true. */
    @Override
    public Map<String, String> nextModelsPage(byte[] body) throws IOException {
        JsonNode root = WireJson.MAPPER.readTree(body);
        if (root == null || !root.path("has_more").asBoolean(false)) {
            return Map.of();
        }
        JsonNode last = root.path("last_id");
        if (!last.isTextual() || last.textValue().isEmpty()) {
            throw new IOException("has_more is true but last_id is missing");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("after_id", last.textValue());
        query.put("limit", PAGE_LIMIT);
        return query;
    }
}
