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
}
