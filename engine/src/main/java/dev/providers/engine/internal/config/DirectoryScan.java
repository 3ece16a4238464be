package dev.providers.engine.internal.config;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.ProviderLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider files of one directory, and a warning for every entry named like one that is
 * not a regular file (named pipes, sockets, devices, subdirectories, dangling links, link
 * loops): such entries are skipped, never opened.
 *
 * @param files regular files named {@code *.yaml} or {@code *.yml}, sorted by name
 * @param skipped one warning per skipped entry, in name order
 */
public record DirectoryScan(List<Path> files, List<Diagnostic> skipped) {

    /** Copies the lists. */
    public DirectoryScan {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    /**
     * Lists {@code directory}; see {@link ProviderLoader#isProviderFileName} for the names read.
     *
     * @throws UncheckedIOException if the directory cannot be listed
     */
    public static DirectoryScan of(Path directory) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (ProviderLoader.isProviderFileName(entry.getFileName().toString())) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        entries.sort(null);
        List<Path> files = new ArrayList<>();
        List<Diagnostic> skipped = new ArrayList<>();
        for (Path entry : entries) {
            FileKind kind = FileKind.of(entry);
            if (kind == FileKind.REGULAR) {
                files.add(entry);
            } else if (kind != FileKind.MISSING) { // MISSING: deleted since the listing
                skipped.add(skippedWarning(entry, kind));
            }
        }
        return new DirectoryScan(files, skipped);
    }

    /** Returns the warning for an entry of a directory that is not read. */
    static Diagnostic skippedWarning(Path entry, FileKind kind) {
        String message = kind.description();
        if (!message.contains("skipped")) {
            message += "; skipped";
        }
        return Diagnostic.warning(entry.toString(), 0, 0, "", message);
    }
}
