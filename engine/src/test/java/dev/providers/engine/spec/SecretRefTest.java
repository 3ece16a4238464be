package dev.providers.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretRefTest {

    private static final Map<String, String> ENV = Map.of("KEY", "sk-live-123", "ORG", "acme");

    @Test
    void resolvesReferencesInsideATemplate() {
        SecretRef ref = SecretRef.parse("Bearer ${KEY} for ${ORG}");
        assertEquals("Bearer sk-live-123 for acme", ref.resolve(ENV::get));
        assertEquals(Set.of("KEY", "ORG"), ref.envNames());
        assertFalse(ref.isPureReference());
        assertTrue(SecretRef.parse("${KEY}").isPureReference());
    }

    @Test
    void escapesADollarBrace() {
        SecretRef ref = SecretRef.parse("a$${KEY}b$c");
        assertEquals("a${KEY}b$c", ref.resolve(ENV::get));
        assertTrue(ref.envNames().isEmpty());
        assertEquals("a${x}", SecretRef.literal("a${x}").resolve(ENV::get));
    }

    @Test
    void namesTheMissingVariableAndNeverAValue() {
        UnresolvedSecretException e = assertThrows(UnresolvedSecretException.class,
                () -> SecretRef.parse("${KEY}-${MISSING}").resolve(ENV::get));
        assertEquals("MISSING", e.variable());
        assertEquals("environment variable MISSING is not set", e.getMessage());
    }

    @Test
    void rejectsMalformedReferencesWithoutQuotingTheValue() {
        IllegalArgumentException unclosed = assertThrows(IllegalArgumentException.class,
                () -> SecretRef.parse("sk-abc${KEY"));
        assertEquals("unclosed '${' at character 7; write '$${' for a literal '${'",
                unclosed.getMessage());
        IllegalArgumentException badName = assertThrows(IllegalArgumentException.class,
                () -> SecretRef.parse("sk-abc${1X}"));
        assertFalse(badName.getMessage().contains("sk-abc"));
    }

    @Test
    void toStringAndRedactedNeverShowLiterals() {
        SecretRef literal = SecretRef.literal("sk-live-123");
        assertEquals("SecretRef[***]", literal.toString());
        assertEquals("***${KEY}", SecretRef.parse("Bearer ${KEY}").redacted());
        assertFalse(SecretRef.parse("x-${KEY}").toString().contains("x-"));
    }

    @Test
    void aBareUpperCaseNameIsReadFromItsVariableWhenSetElseLiteral() {
        SecretRef bare = SecretRef.parse("KEY").readingBareName();
        assertEquals("KEY", bare.bareName());
        assertEquals("sk-live-123", bare.resolve(ENV::get));
        SecretRef unset = SecretRef.parse("MY_API_KEY").readingBareName();
        assertEquals("MY_API_KEY", unset.resolve(ENV::get));
        assertEquals("MY_API_KEY", unset.resolve(Map.of("MY_API_KEY", "")::get));
        assertEquals(Set.of(), unset.envNames(), "a bare name need not be set");
        assertEquals("SecretRef[***]", bare.toString());
        // without readingBareName, and for anything but a bare upper-case name, it is literal
        assertEquals("KEY", SecretRef.parse("KEY").resolve(ENV::get));
        for (String literal : new String[] {"key", "Key", "sk-KEY", "KEY-2", "_KEY", "1KEY"}) {
            SecretRef ref = SecretRef.parse(literal).readingBareName();
            assertEquals(null, ref.bareName(), literal);
            assertEquals(literal, ref.resolve(Map.of(literal, "x")::get));
        }
        assertFalse(bare.equals(SecretRef.parse("KEY")));
    }
}
