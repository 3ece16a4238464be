package dev.providers.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes provider files for tests. */
public final class ProviderDirs {

    private ProviderDirs() { }

    /** Writes {@code text} to {@code dir/name} and returns the path. */
    public static Path write(Path dir, String name, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
