/**
 * The provider engine: provider files, the registry, and the streaming engine with its dialects.
 * The API packages and the dialect SPI are exported; everything under
 * {@code dev.providers.engine.internal} is not (the conformance kit reads the schema catalogue
 * and the catalog through qualified exports).
 */
module dev.providers.engine {
    requires transitive com.fasterxml.jackson.databind;
    requires com.networknt.schema;
    requires org.snakeyaml.engine;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires org.apache.httpcomponents.core5.httpcore5.h2;
    requires re2j;
    requires static org.jspecify;

    exports dev.providers.engine;
    exports dev.providers.engine.config;
    exports dev.providers.engine.event;
    exports dev.providers.engine.json;
    exports dev.providers.engine.message;
    exports dev.providers.engine.registry;
    exports dev.providers.engine.spec;
    exports dev.providers.engine.spi;
    exports dev.providers.engine.testing;

    exports dev.providers.engine.internal.config to dev.providers.conformance;
    exports dev.providers.engine.internal.schema to dev.providers.conformance;

    uses dev.providers.engine.spi.Dialect;
    provides dev.providers.engine.spi.Dialect
            with dev.providers.engine.internal.openai.OpenAiCompletionsDialect,
                    dev.providers.engine.internal.anthropic.AnthropicMessagesDialect,
                    dev.providers.engine.internal.responses.OpenAiResponsesDialect,
                    dev.providers.engine.internal.gemini.GeminiDialect;
}
