package dev.providers.engine.internal.gemini;

import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The {@code google-generative-ai} dialect: Google's Gemini API
 * ({@code docs/dialects/google-generative-ai.md}). The key goes in {@code x-goog-api-key}, never
 * in the URL; models are listed page by page from {@code GET {baseUrl}/models}. Registered like
 * any dialect, through {@code META-INF/services}.
 *
 * <p>Thread-safety: stateless.
 */
public final class GeminiDialect implements Dialect {

    /** The id provider files name in {@code api}. */
    public static final String API = "google-generative-ai";

    /** The file of the dialect's compat schema, bundled with the engine. */
    static final String COMPAT_SCHEMA = "compat-google-generative-ai.schema.json";

    /** Creates the dialect; the service loader calls this. */
    public GeminiDialect() { }

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
        return new GeminiModel(model, GeminiCompat.of(model.compat()));
    }

    /** Returns Google's key header, {@code x-goog-api-key}. */
    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("x-goog-api-key", apiKey);
    }

    /** Returns the ids of a page of {@code GET /models}, without {@code models/}. */
    @Override
    public List<String> parseModels(byte[] body) throws IOException {
        return ModelList.parse(body).ids();
    }

    /** Returns {@code pageToken} of the page's {@code nextPageToken}, or nothing. */
    @Override
    public Map<String, String> nextModelsPage(byte[] body) throws IOException {
        return ModelList.parse(body).nextPage();
    }
}
