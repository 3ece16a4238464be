package dev.providers.spring.boot;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.registry.LiveRegistry;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.RegistryChange;
import dev.providers.engine.registry.RegistryListener;
import dev.providers.engine.registry.RegistryRejection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Where the engine's providers come from: a directory followed by a {@link LiveRegistry}, or a
 * read-only {@code classpath:} catalog loaded once; with the last reload and the last rejected
 * edit, for the {@code providers} endpoint.
 *
 * <p>Thread-safety: thread-safe; the reload outcomes are published by the live registry's event
 * thread and read by any.
 */
public final class RegistrySource implements Supplier<ProviderRegistry>, AutoCloseable {

    /**
     * A reload that published a generation.
     *
     * @param change what changed
     * @param at when it was heard of
     */
    public record Reload(RegistryChange change, Instant at) { }

    /**
     * A reload that rejected files.
     *
     * @param rejection the located problems and the generation that stayed in force
     * @param at when it was heard of
     */
    public record Rejection(RegistryRejection rejection, Instant at) { }

    private final String location;
    private final @Nullable ProviderRegistry fixed;
    /** Set once, right after the live registry started, before this source is handed out. */
    private volatile @Nullable LiveRegistry live;
    private volatile @Nullable Reload lastReload;
    private volatile @Nullable Rejection lastRejection;

    private RegistrySource(String location, @Nullable ProviderRegistry fixed) {
        this.location = location;
        this.fixed = fixed;
    }

    /**
     * Opens the source {@code providers.dir} names: a {@code classpath:} catalog, else a
     * directory that is followed (and waited for, if it does not exist yet).
     *
     * @throws dev.providers.engine.config.ProviderConfigException when files are invalid and
     *     the properties are strict, or for a class-path catalog
     */
    static RegistrySource open(ProvidersProperties properties, ResourcePatternResolver resolver,
            Clock clock) {
        String dir = properties.dir();
        if (dir.startsWith(ClasspathCatalog.PREFIX)) {
            return new RegistrySource(dir, ClasspathCatalog.load(dir, resolver));
        }
        RegistrySource source = new RegistrySource(dir, null);
        LiveRegistry.Builder builder = LiveRegistry.builder(Path.of(dir))
                .debounce(properties.reload().debounce())
                .strict(properties.strict())
                // also hears the initial load: generation 1 and any file it rejected
                .listener(new RegistryListener() {
                    @Override
                    public void onChange(RegistryChange change) {
                        source.lastReload = new Reload(change, clock.instant());
                    }

                    @Override
                    public void onRejected(RegistryRejection rejection) {
                        source.lastRejection = new Rejection(rejection, clock.instant());
                    }
                });
        if (!properties.reload().pollInterval().isZero()) {
            builder.pollInterval(properties.reload().pollInterval());
        }
        source.live = builder.start();
        return source;
    }

    /** Returns the snapshot new requests use now. */
    @Override
    public ProviderRegistry get() {
        LiveRegistry registry = live;
        return registry != null ? registry.current() : Objects.requireNonNull(fixed);
    }

    /** Returns {@code providers.dir} as configured. */
    public String location() {
        return location;
    }

    /** Returns whether the source follows a directory (else it is a read-only catalog). */
    public boolean live() {
        return fixed == null;
    }

    /** Returns the problems of the files as they were at the last reload (none for a catalog). */
    public List<Diagnostic> diagnostics() {
        LiveRegistry registry = live;
        return registry != null ? registry.diagnostics() : List.of();
    }

    /** Returns the last reload that published a generation, or null before any. */
    public @Nullable Reload lastReload() {
        return lastReload;
    }

    /** Returns the last reload that rejected files, or null when none did. */
    public @Nullable Rejection lastRejection() {
        return lastRejection;
    }

    /** Stops following the directory. */
    @Override
    public void close() {
        LiveRegistry registry = live;
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    public String toString() {
        return "RegistrySource[" + location + (live() ? ", live" : ", read-only") + "]";
    }
}
