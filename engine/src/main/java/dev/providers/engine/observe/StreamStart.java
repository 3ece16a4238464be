package dev.providers.engine.observe;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ProviderSpec;
import java.util.Objects;

/**
 * A stream as it starts: what was asked of which model. Holds no resolved secret: the provider
 * and model are the registry's declarations, whose secrets are unresolved references.
 *
 * @param model the model reference asked for
 * @param resolved the model as the registry resolved it when the stream started
 * @param context the system prompt, conversation and tools sent
 * @param options the request's options
 */
public record StreamStart(ModelRef model, ResolvedModel resolved, Context context,
        StreamOptions options) {

    /** Rejects missing values. */
    public StreamStart {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(options, "options");
    }

    /** Returns the provider that serves the model. */
    public ProviderSpec provider() {
        return resolved.provider();
    }

    /** Returns the wire dialect the request speaks, e.g. {@code openai-completions}. */
    public String api() {
        return resolved.api();
    }
}
