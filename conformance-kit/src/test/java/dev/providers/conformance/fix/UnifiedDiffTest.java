package dev.providers.conformance.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The diff {@code --fix} prints. */
class UnifiedDiffTest {

    @Test
    void anInsertedLineIsShownWithThreeLinesOfContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\n";
        String after = "a\nb\nc\nd\nX\ne\nf\ng\n";
        assertEquals("""
                --- f.yaml
                +++ f.yaml (fixed)
                @@ -2,6 +2,7 @@
                 b
                 c
                 d
                +X
                 e
                 f
                 g
                """, UnifiedDiff.of("f.yaml", before, after));
    }

    @Test
    void aReplacedLineAndANewFileAndNoChange() {
        assertEquals("--- f\n+++ f (fixed)\n@@ -1,2 +1,2 @@\n-a: 1\n+a: 2\n b\n",
                UnifiedDiff.of("f", "a: 1\nb\n", "a: 2\nb\n"));
        assertEquals("--- f\n+++ f (fixed)\n@@ -0,0 +1,1 @@\n+id: x\n",
                UnifiedDiff.of("f", "", "id: x\n"));
        assertEquals("", UnifiedDiff.of("f", "same\n", "same\n"));
    }
}
