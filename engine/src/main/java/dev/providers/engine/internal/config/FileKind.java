package dev.providers.engine.internal.config;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * What a path names, judged from its metadata alone: opening a named pipe to find out would
 * block until some process writes to it.
 *
 * <p>Thread-safety: stateless.
 */
public enum FileKind {
    /** A regular file, possibly through symlinks: the only kind that is read. */
    REGULAR("is a regular file"),
    /** A directory. */
    DIRECTORY("is a directory; skipped (subdirectories are not read)"),
    /** A named pipe. */
    FIFO("is a named pipe (FIFO), not a regular file; skipped without opening it"),
    /** A socket or a device. */
    OTHER("is not a regular file (a socket or device); skipped without opening it"),
    /** A symlink whose target does not exist. */
    DANGLING_LINK("is a symlink to a file that does not exist"),
    /** A symlink that leads back to itself. */
    LINK_LOOP("is a symlink loop"),
    /** Nothing. */
    MISSING("does not exist"),
    /** Something whose metadata cannot be read. */
    UNREADABLE("cannot be examined (permissions?)");

    /** The links followed before a chain counts as a loop, as Linux's ELOOP limit. */
    private static final int MAX_LINKS = 40;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** Returns a sentence fragment that follows the path, e.g. "is a symlink loop". */
    public String description() {
        return description;
    }

    /** Returns what {@code path} names, following symlinks; never opens it. */
    public static FileKind of(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (!Files.isSymbolicLink(path)) {
                return MISSING;
            }
            return loops(path) ? LINK_LOOP : DANGLING_LINK;
        } catch (FileSystemException e) {
            // ELOOP surfaces as a plain FileSystemException
            return Files.isSymbolicLink(path) && loops(path) ? LINK_LOOP : UNREADABLE;
        } catch (IOException e) {
            return UNREADABLE;
        }
        if (attributes.isRegularFile()) {
            return REGULAR;
        }
        if (attributes.isDirectory()) {
            return DIRECTORY;
        }
        return isFifo(path) ? FIFO : OTHER;
    }

    /** Follows the chain of links at {@code path}; true when it revisits a link or is endless. */
    private static boolean loops(Path path) {
        Set<Path> seen = new HashSet<>();
        Path current = path.toAbsolutePath().normalize();
        for (int i = 0; i < MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(current) || !seen.add(current)) {
                return Files.isSymbolicLink(current);
            }
            try {
                Path target = Files.readSymbolicLink(current);
                Path parent = current.getParent();
                current = (parent == null ? target : parent.resolve(target)).normalize();
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFifo(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer bits && (bits & 0170000) == 0010000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no unix view: reported as OTHER, which is skipped all the same
        }
    }
}
