package dev.providers.spring.boot;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderConfigException;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Loads a read-only catalog of provider files from the class path ({@code classpath:dir}): every
 * {@code *.yaml} and {@code *.yml} directly under that folder, in every JAR, overlaid on the
 * built-in catalog. The files are copied to a temporary folder the loader reads (at most one
 * byte more than the loader accepts per file, so that an oversized file is still reported as
 * one), and its problems are named by their class-path location. A catalog that ships inside an
 * application cannot be fixed at run time, so any error fails the start.
 */
final class ClasspathCatalog {

    /** The prefix of class-path locations in {@code providers.dir}. */
    static final String PREFIX = "classpath:";
    /** One byte more than the largest provider file the loader accepts. */
    private static final int MAX_COPY = 1024 * 1024 + 1;

    private ClasspathCatalog() { }

    /**
     * Returns the registry of the catalog at {@code location}.
     *
     * @throws ProviderConfigException when a file is invalid
     * @throws UncheckedIOException when the catalog cannot be read
     */
    static ProviderRegistry load(String location, ResourcePatternResolver resolver) {
        String folder = location.substring(PREFIX.length()).replaceAll("^/+|/+$", "");
        Path copy;
        try {
            copy = Files.createTempDirectory("providers-catalog-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for " + location, e);
        }
        try {
            Set<String> names = new HashSet<>();
            for (String pattern : List.of("*.yaml", "*.yml")) {
                for (Resource resource : resolver.getResources("classpath*:" + folder + "/"
                        + pattern)) {
                    String name = resource.getFilename();
                    if (name == null || !ProviderLoader.isProviderFileName(name)
                            || !names.add(name)) {
                        continue; // the first JAR on the class path wins, as for classes
                    }
                    try (InputStream in = resource.getInputStream()) {
                        Files.write(copy.resolve(name), in.readNBytes(MAX_COPY));
                    }
                }
            }
            LoadResult result = ProviderLoader.create().load(copy);
            String label = PREFIX + folder + "/";
            List<Diagnostic> located = new ArrayList<>();
            for (Diagnostic d : result.diagnostics()) {
                String source = d.source().startsWith(copy.toString())
                        ? label + copy.relativize(Path.of(d.source())) : d.source();
                located.add(new Diagnostic(d.severity(), source, d.line(), d.column(),
                        d.pointer(), d.message(), d.schemaLocation(), d.suggestions(),
                        d.hint()));
            }
            if (located.stream().anyMatch(Diagnostic::isError)) {
                throw new ProviderConfigException(located);
            }
            return result.registry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the provider catalog " + location, e);
        } finally {
            delete(copy);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a temporary folder left behind is harmless; the registry is already in memory
        }
    }
}
