package dev.providers.conformance.cli;

import dev.providers.conformance.fix.CompatEditor;
import dev.providers.conformance.onboarding.ProviderFileDraft;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.spec.ProviderSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The file {@code --fix} writes: the user's own file that declares the provider (or overrides a
 * built-in), edited in place; or, for a built-in the user has not overridden, a new override
 * file {@code <id>.yaml} in the providers directory with the modeline and the {@code id}, to
 * which the compat block is added. Nothing outside the providers directory is ever written.
 */
final class FixTarget {

    private final Path file;
    private final boolean created;
    private final String original;

    private FixTarget(Path file, boolean created, String original) {
        this.file = file;
        this.created = created;
        this.original = original;
    }

    /**
     * Returns the file to fix for this provider.
     *
     * @throws IllegalArgumentException when the provider is unknown, its file lies outside the
     *     directory, is not writable, or an override would replace another file; the message
     *     says which
     * @throws IOException when the file cannot be read
     */
    static FixTarget resolve(@Nullable LoadResult loaded, String providerId, Path directory)
            throws IOException {
        if (loaded == null) {
            throw new IllegalArgumentException("cannot load the providers directory "
                    + directory);
        }
        ProviderSpec provider = loaded.registry().provider(providerId).orElseThrow(
                () -> new IllegalArgumentException("unknown provider '" + providerId + "'"));
        Path realDirectory = directory.toRealPath();
        if (provider.isBuiltin()) {
            Path file = directory.resolve(providerId + ".yaml");
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(file + " exists but does not declare the "
                        + "provider '" + providerId + "'; not overwriting it");
            }
            if (!Files.isWritable(realDirectory)) {
                throw new IllegalArgumentException("cannot write the override file " + file
                        + ": the directory is not writable");
            }
            return new FixTarget(file, true, overrideHeader(providerId));
        }
        Path file = Path.of(provider.origin().source());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot find the file of provider '"
                    + providerId + "' (" + provider.origin() + ")");
        }
        // a symlink may lead out of the directory: what counts is where the bytes are
        if (!file.toRealPath().startsWith(realDirectory)) {
            throw new IllegalArgumentException(file + " lies outside the providers directory "
                    + directory + "; --fix writes only there");
        }
        if (!Files.isWritable(file)) {
            throw new IllegalArgumentException(file + " is not writable; make it writable or "
                    + "apply the suggested settings by hand");
        }
        if (Files.size(file) > CompatEditor.MAX_CHARS) {
            throw new IllegalArgumentException(file + " is larger than "
                    + CompatEditor.MAX_CHARS + " bytes");
        }
        return new FixTarget(file, false, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Returns the file. */
    Path file() {
        return file;
    }

    /** Returns whether the file is a new override file. */
    boolean created() {
        return created;
    }

    /** Returns the text before the fix (a new file's header for an override). */
    String original() {
        return original;
    }

    /** Writes the fixed text. */
    void write(String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Puts the file back as it was: a new override file is deleted. */
    void restore() throws IOException {
        if (created) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, original, StandardCharsets.UTF_8);
        }
    }

    private static String overrideHeader(String providerId) {
        return ProviderFileDraft.MODELINE + "\n"
                + "# Overrides the built-in provider '" + providerId + "' with the compat "
                + "settings\n# `conformance --fix` found; the built-in's other settings still "
                + "apply\n# (compat flags merge per name). Delete this file to undo.\n"
                + "id: " + providerId + "\n";
    }
}
