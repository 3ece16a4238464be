package dev.providers.engine.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dialects this JVM knows, by {@code api} id: the built-ins, every dialect a
 * {@code META-INF/services/dev.providers.engine.spi.Dialect} file names on the class path (found
 * on first use), and those registered here. Like JDBC drivers, they are global to the JVM: a
 * provider file's {@code api} is resolved against this set when it is loaded and when a request
 * starts.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Dialects {

    private static final PluginRegistry<Dialect> KNOWN = new PluginRegistry<>(Dialect.class,
            Dialect::api, "dialect", List.of());

    private Dialects() { }

    /**
     * Adds a dialect. Registering the same instance again does nothing.
     *
     * @throws IllegalStateException if another dialect already has its id
     */
    public static void register(Dialect dialect) {
        KNOWN.register(dialect);
    }

    /**
     * Finds the dialects a class loader offers through {@code META-INF/services} (such as one
     * over the JARs of an extensions folder) and adds those whose id is new; returns their ids.
     * A dialect that cannot be created is logged and skipped.
     */
    public static Set<String> load(ClassLoader loader) {
        return KNOWN.load(loader);
    }

    /** Returns the dialect with this id, if one is known. */
    public static Optional<Dialect> find(String api) {
        return KNOWN.find(api);
    }

    /**
     * Returns the dialect with this id.
     *
     * @throws IllegalArgumentException naming the known ids when none has it
     */
    public static Dialect require(String api) {
        return find(api).orElseThrow(() -> new IllegalArgumentException("no dialect '" + api
                + "' is known; known dialects: " + String.join(", ", ids())));
    }

    /** Returns the known ids, sorted. */
    public static Set<String> ids() {
        return KNOWN.ids();
    }
}
