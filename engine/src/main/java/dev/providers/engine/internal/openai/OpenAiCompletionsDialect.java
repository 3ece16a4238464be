package dev.providers.engine.internal.openai;

import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;

/**
 * The {@code openai-completions} dialect: OpenAI's chat completions as every compatible server
 * speaks it, deviations absorbed through compat flags (docs/dialects/openai-completions.md).
 * Registered like any dialect, through {@code META-INF/services}.
 *
 * <p>Thread-safety: stateless.
 */
public final class OpenAiCompletionsDialect implements Dialect {

    /** Creates the dialect; the service loader calls this. */
    public OpenAiCompletionsDialect() { }

    @Override
    public String api() {
        return RequestEncoder.API;
    }

    @Override
    public String compatSchema() {
        return SchemaCatalog.schemaText(SchemaCatalog.OPENAI_COMPAT_SCHEMA);
    }

    @Override
    public DialectModel bind(ResolvedModel model) {
        return new OpenAiModel(model, CompatFlags.of(model.compat()));
    }
}
