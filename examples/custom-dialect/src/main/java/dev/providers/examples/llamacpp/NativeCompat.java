package dev.providers.examples.llamacpp;

import dev.providers.engine.spec.EffectiveCompat;

/**
 * The dialect's compat flags of one model, read once when the model is bound (their schema is
 * {@code compat-llama-cpp-native.schema.json}, which also holds their defaults).
 *
 * @param template how the conversation becomes a prompt ({@code promptTemplate})
 * @param cachePrompt whether the server may reuse its cached prompt prefix
 *     ({@code cachePrompt} → {@code cache_prompt})
 */
record NativeCompat(PromptTemplate template, boolean cachePrompt) {

    /** The flags of a model whose file sets none, as the schema's defaults say. */
    static final NativeCompat DEFAULTS = new NativeCompat(PromptTemplate.CHATML, true);

    /**
     * Reads the flags in force for a model.
     *
     * @throws IllegalArgumentException if {@code promptTemplate} names no template (the schema
     *     rejects that when the file is loaded)
     */
    static NativeCompat of(EffectiveCompat compat) {
        Object template = compat.get("promptTemplate");
        Object cache = compat.get("cachePrompt");
        return new NativeCompat(
                template == null ? DEFAULTS.template() : PromptTemplate.of(template.toString()),
                cache == null ? DEFAULTS.cachePrompt() : Boolean.TRUE.equals(cache));
    }
}
