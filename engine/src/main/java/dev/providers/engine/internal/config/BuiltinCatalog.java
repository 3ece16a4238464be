package dev.providers.engine.internal.config;

import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider files bundled in the engine JAR (the repository's {@code providers.d}), parsed
 * once on first use.
 *
 * <p>An invalid bundled file is a build defect and fails loudly; the project's tests load every
 * bundled file.
 */
public final class BuiltinCatalog {

    /** The classpath folder holding the catalog and its {@code index.txt}. */
    public static final String RESOURCE_DIR = "dev/providers/engine/catalog/";

    private BuiltinCatalog() { }

    /** Returns the built-in providers by id. */
    public static Map<String, ProviderSpec> providers() {
        return Holder.PROVIDERS;
    }

    private static Map<String, ProviderSpec> load() {
        FileParser parser = new FileParser();
        Map<String, ProviderSpec> providers = new LinkedHashMap<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            byte[] bytes = resource(name).getBytes(StandardCharsets.UTF_8);
            ProviderFile file = parser.parse(Origin.BUILTIN_PREFIX + name, name, bytes);
            if (!file.isValid()) {
                throw new IllegalStateException("built-in catalog file " + name + " is invalid: "
                        + file.diagnostics());
            }
            ProviderSpec spec = RegistryAssembler.builtin(file);
            providers.put(spec.id(), spec);
        }
        return Collections.unmodifiableMap(providers);
    }

    private static String resource(String name) {
        try (InputStream in = BuiltinCatalog.class.getClassLoader()
                .getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the engine JAR lacks " + RESOURCE_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Holder {
        static final Map<String, ProviderSpec> PROVIDERS = load();
    }
}
