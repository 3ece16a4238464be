package dev.providers.examples.llamacpp;

import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code llama-cpp-native} dialect: llama.cpp's own streaming API, {@code POST /completion}
 * with a rendered {@code prompt}, under a base URL without {@code /v1} (such as
 * {@code http://127.0.0.1:8080}). Text in, text out: no tools, no images, no thinking.
 *
 * <p>Found by the engine through {@code META-INF/services/dev.providers.engine.spi.Dialect};
 * a provider file then says {@code api: llama-cpp-native}.
 *
 * <p>Thread-safety: immutable.
 */
public final class LlamaCppNativeDialect implements Dialect {

    /** The id provider files name in {@code api}. */
    public static final String API = "llama-cpp-native";

    private static final String COMPAT_SCHEMA = "compat-llama-cpp-native.schema.json";

    private final String compatSchema;

    /** Creates the dialect; the service loader calls this. */
    public LlamaCppNativeDialect() {
        this.compatSchema = readSchema();
    }

    @Override
    public String api() {
        return API;
    }

    /** Returns the schema of {@code promptTemplate} and {@code cachePrompt}. */
    @Override
    public String compatSchema() {
        return compatSchema;
    }

    @Override
    public DialectModel bind(ResolvedModel model) {
        Number maxTokens = model.model().maxTokens();
        return new NativeModel(NativeCompat.of(model.compat()), maxTokens == null ? null
                : (int) Math.min(Integer.MAX_VALUE, maxTokens.longValue()));
    }

    /** Returns {@code Authorization: Bearer <key>}, as llama-server's {@code --api-key} wants. */
    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("Authorization", "Bearer " + apiKey);
    }

    /** Returns {@code models}: llama-server lists what it serves at {@code GET /models}. */
    @Override
    public String modelsPath() {
        return ModelList.PATH;
    }

    @Override
    public List<String> parseModels(byte[] body) throws IOException {
        return ModelList.parse(body);
    }

    private static String readSchema() {
        try (InputStream in = LlamaCppNativeDialect.class.getResourceAsStream(COMPAT_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("the dialect's JAR lacks " + COMPAT_SCHEMA);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
