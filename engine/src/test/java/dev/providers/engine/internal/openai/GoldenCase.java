package dev.providers.engine.internal.openai;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;

/**
 * One golden request: a provider's compat block and model entry (YAML flow maps), a context
 * and options; the expected body lives in {@code golden/requests/<name>.json}, and the encoder's
 * headers, when there are any, in {@code <name>.headers.json}.
 */
record GoldenCase(String name, String compat, String model, Context context,
        StreamOptions options) {

    /** Returns a case with default options. */
    static GoldenCase of(String name, String compat, String model, Context context) {
        return new GoldenCase(name, compat, model, context, StreamOptions.defaults());
    }

    @Override
    public String toString() {
        return name;
    }
}
