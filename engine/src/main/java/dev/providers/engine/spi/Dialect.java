package dev.providers.engine.spi;

import dev.providers.engine.registry.ResolvedModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A wire protocol: what to send to a server whose provider file says {@code api: <id>}, and how
 * to read what comes back. One instance serves every model of that dialect, from any thread.
 *
 * <p>A dialect is found by its {@link #api()} id: the built-ins, those listed in
 * {@code META-INF/services/dev.providers.engine.spi.Dialect} of any JAR on the class path, and
 * those passed to {@link Dialects#register}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface Dialect {

    /** Returns the id provider files name in {@code api}, such as {@code openai-completions}. */
    String api();

    /**
     * Returns the JSON Schema (draft 2020-12) of this dialect's {@code compat} flags: an object
     * schema whose properties are the flags, each with a {@code default} and a
     * {@code description}; or null when the dialect has no flags (then {@code compat} must be
     * empty).
     */
    @Nullable String compatSchema();

    /**
     * Prepares a model for requests: reads its compat flags once into whatever the dialect
     * needs. The engine keeps the result for as long as the registry snapshot it came from.
     *
     * @throws IllegalArgumentException if the model's settings cannot be used by this dialect
     */
    DialectModel bind(ResolvedModel model);

    /**
     * Returns the headers that carry an API key (sent when a provider has a credential, unless
     * it sets {@code authHeader: false}); the default is {@code Authorization: Bearer <key>}.
     */
    default Map<String, String> authHeaders(String apiKey) {
        return Map.of("Authorization", "Bearer " + apiKey);
    }

    /** Returns the path, under the base URL, that lists the models a server serves. */
    default String modelsPath() {
        return "models";
    }

    /**
     * Reads the model ids from a model list; the default reads OpenAI's shape,
     * {@code {"data": [{"id": ...}]}}.
     *
     * @throws IOException if the body is not a model list of this dialect
     */
    default List<String> parseModels(byte[] body) throws IOException {
        return ModelLists.openAi(body);
    }

    /**
     * Returns the query parameters that ask for the page after {@code body} of a model list, or
     * an empty map when {@code body} is the last page; the default: a list is one page. The
     * engine asks for at most 100 pages and stops when a page names a page it already asked for.
     *
     * @throws IOException if the body is not a model list of this dialect
     */
    default Map<String, String> nextModelsPage(byte[] body) throws IOException {
        return Map.of();
    }
}
