package dev.providers.peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the llama-server binary the way the project's build step leaves it. The cache path logic
 * mirrors scripts/build-llama-server.sh; change both together.
 */
final class BinaryLocator {

    private BinaryLocator() {
    }

    /** Returns the first configured or cached binary, if that file is executable. */
    static Optional<Path> find() {
        Path candidate = configured().orElseGet(BinaryLocator::cached);
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
                ? Optional.of(candidate)
                : Optional.empty();
    }

    /** Explains where the binary was looked for and how to build it. */
    static String missingMessage() {
        String where = configured()
                .map(p -> p + " (from -D" + LlamaServer.BINARY_PROPERTY + " or $"
                        + LlamaServer.BINARY_ENV + ")")
                .orElseGet(() -> cached() + " (the build cache)");
        return "llama-server not found or not executable at " + where + ". Build it once per"
                + " machine with scripts/build-llama-server.sh (needs npm, git, cmake, make or"
                + " ninja and a C++ compiler; about 6 minutes on 2 cores) or `mvn verify` in the"
                + " project, or point -D" + LlamaServer.BINARY_PROPERTY + " or $"
                + LlamaServer.BINARY_ENV + " at an existing binary.";
    }

    // An explicit setting never falls back to the cache, so a typo is reported, not masked.
    private static Optional<Path> configured() {
        String property = System.getProperty(LlamaServer.BINARY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property.trim()));
        }
        String env = System.getenv(LlamaServer.BINARY_ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env.trim()));
        }
        return Optional.empty();
    }

    /** The path the build script writes: see its header for the layout. */
    static Path cached() {
        String root = System.getenv("PROVIDERS_CACHE_DIR");
        Path cacheRoot = root != null && !root.isEmpty()
                ? Path.of(root)
                : Path.of(home(), ".cache", "providers-engine");
        // the script honours NLC_VERSION too, so an on-purpose override stays in step
        String version = System.getenv("NLC_VERSION");
        if (version == null || version.isEmpty()) {
            version = LlamaServer.NLC_VERSION;
        }
        return cacheRoot.resolve("llama-server")
                .resolve("nlc-" + version + "-" + osName() + "-" + archName())
                .resolve("llama-server");
    }

    private static String home() {
        // the script uses $HOME; user.home differs from it only in unusual setups
        String home = System.getenv("HOME");
        return home != null && !home.isEmpty() ? home : System.getProperty("user.home");
    }

    /** Node-style OS name, as the script derives it from {@code uname -s}. */
    static String osName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "darwin";
        }
        return os.replace(" ", "");
    }

    /** Node-style architecture name, as the script derives it from {@code uname -m}. */
    static String archName() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "x64";
            case "aarch64":
            case "arm64":
                return "arm64";
            default:
                return arch;
        }
    }
}
