package dev.providers.conformance.cli;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the providers directory is: {@code --providers-dir}, else {@code $PROVIDERS_DIR}, else
 * {@code ./providers.d}.
 *
 * @param path the directory
 * @param explicit whether the user named it (a named directory must exist)
 */
record ProvidersDirectory(Path path, boolean explicit) {

    /** The environment variable that names the directory. */
    static final String ENV = "PROVIDERS_DIR";

    static ProvidersDirectory resolve(@Nullable Path option, Map<String, String> environment) {
        if (option != null) {
            return new ProvidersDirectory(option, true);
        }
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ProvidersDirectory(Path.of(fromEnv), true);
        }
        return new ProvidersDirectory(Path.of("providers.d"), false);
    }
}
