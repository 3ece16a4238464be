package dev.providers.engine.config;

import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.Dialects;
import org.jspecify.annotations.Nullable;

/**
 * A dialect that only loading tests use: its id and compat schema are what the test gives.
 * Dialects are global to the JVM, so each id belongs to one test class, and {@link #register}
 * registers each instance once.
 */
final class TestDialect implements Dialect {

    /** One boolean flag, {@code sendsGreeting}, true by default. */
    static final String ONE_FLAG_SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "test compat flags",
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "sendsGreeting": {
                  "description": "Whether the test server is greeted first.",
                  "type": "boolean",
                  "default": true
                }
              }
            }
            """;

    static final TestDialect ONE_FLAG = new TestDialect("test-one-flag", ONE_FLAG_SCHEMA);
    static final TestDialect NO_FLAGS = new TestDialect("test-no-flags", null);
    static final TestDialect BROKEN_SCHEMA = new TestDialect("test-broken-schema",
            "{\"type\": \"object\", \"properties\": ");

    private final String api;
    private final @Nullable String schema;

    TestDialect(String api, @Nullable String schema) {
        this.api = api;
        this.schema = schema;
    }

    /** Registers the shared test dialects (again: registering an instance twice is a no-op). */
    static void register() {
        Dialects.register(ONE_FLAG);
        Dialects.register(NO_FLAGS);
        Dialects.register(BROKEN_SCHEMA);
    }

    @Override
    public String api() {
        return api;
    }

    @Override
    public @Nullable String compatSchema() {
        return schema;
    }

    @Override
    public DialectModel bind(ResolvedModel model) {
        throw new IllegalArgumentException("the loading tests never stream through " + api);
    }
}
