package dev.providers.engine.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a directory the way the kubelet updates a mounted ConfigMap: the data goes into a new
 * timestamped folder, the {@code ..data} symlink is swapped to it atomically (create
 * {@code ..data_tmp}, rename over {@code ..data}), top-level symlinks point through
 * {@code ..data}, and the old folder is deleted.
 */
final class ConfigMap {

    private final Path dir;
    private int version;
    private Set<String> keys = new HashSet<>();

    ConfigMap(Path dir) {
        this.dir = dir;
    }

    /** Publishes a new version: alternating file names and contents. */
    void publish(List<String> namesAndContents) throws IOException {
        Path data = dir.resolve("..data");
        Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
        String stamp = String.format("..2026_11_21_06_00_%02d.%09d", version, version++);
        Path folder = Files.createDirectory(dir.resolve(stamp));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < namesAndContents.size(); i += 2) {
            Files.writeString(folder.resolve(namesAndContents.get(i)), namesAndContents.get(i + 1));
            names.add(namesAndContents.get(i));
        }
        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, Path.of(stamp));
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : names) {
            if (!keys.contains(name)) {
                Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
            }
        }
        for (String name : keys) {
            if (!names.contains(name)) {
                Files.delete(dir.resolve(name));
            }
        }
        keys = names;
        if (old != null) {
            try (Stream<Path> files = Files.walk(old)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
