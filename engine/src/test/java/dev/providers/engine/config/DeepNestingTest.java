package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deep nesting is a located error, never a {@code StackOverflowError}: a 6 KB file nested 2,000
 * deep used to crash {@code validate} with a stack trace.
 */
class DeepNestingTest {

    private static final String HEAD = "id: p\nbaseUrl: http://h:1/v1\nmodels:\n  - id: m\n"
            + "    compat:\n      openRouterRouting: ";

    @TempDir
    Path dir;

    private List<String> load(String text) {
        Path file = write(dir, "p.yaml", text);
        return ProviderLoader.withoutBuiltins().load(List.of(file)).diagnostics().stream()
                .map(d -> d.format().substring(file.toString().length())).toList();
    }

    @Test
    void twoThousandFlowSequencesAreOneLocatedError() {
        String text = HEAD + "{a: " + "[".repeat(2000) + "]".repeat(2000) + "}\n";
        assertTrue(text.length() < 6 * 1024);
        // the root mapping, models, the model, compat and {a: are five levels; the 60th '['
        // is the 65th
        assertEquals(List.of(":6:89: error: collections nest deeper than 64 levels; provider "
                + "files need a handful"), load(text));
    }

    @Test
    void flowMappingsAndBlockSequencesAreStoppedAlike() {
        assertEquals(1, load(HEAD + "{a: ".repeat(3000) + "1" + "}".repeat(3000) + "\n")
                .size());
        // "- - - x" nests block sequences on one line
        List<String> block = load("- ".repeat(3000) + "x\n");
        assertEquals(List.of(":1:129: error: collections nest deeper than 64 levels; "
                + "provider files need a handful"), block);
    }

    @Test
    void sixtyFourLevelsAreStillAccepted() {
        // four levels above openRouterRouting's value, 60 inside it
        String text = HEAD + "{a: " + "{b: ".repeat(59) + "1" + "}".repeat(60) + "\n";
        assertEquals(List.of(), load(text));
        String deeper = HEAD + "{a: " + "{b: ".repeat(60) + "1" + "}".repeat(61) + "\n";
        assertEquals(1, load(deeper).size());
    }
}
