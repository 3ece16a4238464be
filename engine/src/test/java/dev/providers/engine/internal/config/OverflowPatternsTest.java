package dev.providers.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What the loader says about overflowPatterns entries it refuses. */
class OverflowPatternsTest {

    @Test
    void acceptsPatternsThatMeanTheSameToEditorsAndToTheEngine() {
        assertNull(OverflowPatterns.problem("maximum context length is \\d+ tokens"));
        assertNull(OverflowPatterns.problem("(?:prompt|input) is too long"));
        assertNull(OverflowPatterns.problem("[(?i)]")); // characters in a class, not flags
    }

    @Test
    void caseFlagsAreNeedlessBecauseMatchingIgnoresCase() {
        assertEquals("'(?i)' is not needed: overflow patterns always match case-insensitively "
                + "(and inline flags are not ECMA-262 syntax); remove it",
                OverflowPatterns.problem("(?i)context length exceeded"));
        assertEquals("'(?is:' is not needed: overflow patterns always match case-insensitively "
                + "(and inline flags are not ECMA-262 syntax); remove it",
                OverflowPatterns.problem("x(?is:y)"));
    }

    @Test
    void namesTheDialectThatRefusesAPattern() {
        assertEquals("is not an ECMA-262 regular expression, which 'format: regex' requires: "
                + "inline flags '(?s)' are not ECMA-262 syntax (at offset 0)",
                OverflowPatterns.problem("(?s)a.b"));
        assertEquals("is not an ECMA-262 regular expression, which 'format: regex' requires: "
                + "'(?P' is not ECMA-262 syntax; named groups are written (?<name>...) (at "
                + "offset 0)", OverflowPatterns.problem("(?P<n>x)"));
        assertEquals("is not RE2 syntax, which the engine matches overflow patterns with (no "
                + "lookaround, no backreferences): invalid or unsupported Perl syntax",
                OverflowPatterns.problem("context(?= length)"));
    }

    @Test
    void refusesPatternsThatWouldExhaustTheCompiler() {
        // RE2/J compiles repetitions out: this one ran a 256 MB heap out of memory
        assertEquals("repeats too much: more than 10000 steps once its repetitions are "
                + "expanded", OverflowPatterns.problem("((a{1000}){1000}){1000}"));
        // and recurses once per group: 5,000 groups overflowed its stack
        assertEquals("is not an ECMA-262 regular expression, which 'format: regex' requires: "
                + "groups nest deeper than 32 levels (at offset 33)",
                OverflowPatterns.problem("(".repeat(500) + ")".repeat(500)));
    }
}
