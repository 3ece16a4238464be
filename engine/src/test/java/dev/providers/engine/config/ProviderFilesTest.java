package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a providers directory are read. */
class ProviderFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsYamlFilesAndSkipsHiddenFilesAndEditorLeftovers() throws Exception {
        for (String name : List.of("b.yaml", "a.yml", ".hidden.yaml", "c.yaml~", ".c.yaml.swp",
                "#c.yaml#", ".#c.yaml", "notes.txt", "c.yaml.bak", "4913",
                "c.yaml___jb_tmp___")) {
            write(dir, name, "id: x\n");
        }
        Files.createDirectories(dir.resolve("sub.yaml"));
        Files.createDirectories(dir.resolve("..data"));
        assertEquals(List.of(dir.resolve("a.yml"), dir.resolve("b.yaml")),
                ProviderLoader.providerFiles(dir));
    }

    @Test
    void followsSymlinkedFiles() throws Exception {
        Path target = write(dir.resolve("elsewhere"), "real.yaml", "id: x\n");
        Path providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.createSymbolicLink(providers.resolve("linked.yaml"), target);
        Files.createSymbolicLink(providers.resolve("dangling.yaml"), dir.resolve("missing"));
        assertEquals(List.of(providers.resolve("linked.yaml")),
                ProviderLoader.providerFiles(providers));
    }

    @Test
    void explicitFilesAreReadWhateverTheirName() {
        Path odd = write(dir, "provider.txt", "id: odd\nbaseUrl: http://x:1/v1\n"
                + "models: [{id: m}]\n");
        LoadResult result = ProviderLoader.withoutBuiltins().load(List.of(odd));
        assertEquals(List.of(odd.toString()), result.files());
        // the file name differs from the id, which is worth a warning, not an error
        assertEquals(1, result.warningCount());
        assertEquals(0, result.errorCount());
    }
}
