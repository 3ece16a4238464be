package dev.providers.engine.internal.responses;

import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;

/**
 * The {@code openai-responses} dialect: OpenAI's Responses API as OpenAI, Azure OpenAI (the
 * same dialect with Azure's base URL and {@code api-key} header) and open-weight servers serve
 * it, deviations absorbed through compat flags (docs/dialects/openai-responses.md). Registered
 * like any dialect, through {@code META-INF/services}; model listing is OpenAI's
 * {@code GET {baseUrl}/models}.
 *
 * <p>Thread-safety: stateless.
 */
public final class OpenAiResponsesDialect implements Dialect {

    /** The id provider files name in {@code api}. */
    public static final String API = "openai-responses";

    /** The compat schema's file, bundled beside the provider schema. */
    static final String SCHEMA = "compat-openai-responses.schema.json";

    /** Creates the dialect; the service loader calls this. */
    public OpenAiResponsesDialect() { }

    @Override
    public String api() {
        return API;
    }

    @Override
    public String compatSchema() {
        return SchemaCatalog.schemaText(SCHEMA);
    }

    @Override
    public DialectModel bind(ResolvedModel model) {
        return new ResponsesModel(model, ResponsesCompat.of(model.compat()));
    }
}
