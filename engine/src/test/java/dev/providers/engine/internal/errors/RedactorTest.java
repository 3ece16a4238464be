package dev.providers.engine.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksEveryFormOfASecret() {
        Redactor redactor = Redactor.of(List.of("a b/c+d\"e"));

        assertEquals("raw *** url *** pct *** json ***", redactor.redact(
                "raw a b/c+d\"e url a+b%2Fc%2Bd%22e pct a%20b%2Fc%2Bd%22e json a b/c+d\\\"e"));
    }

    @Test
    void masksARunOfTwelveOrMoreCharactersOfASecret() {
        Redactor redactor = Redactor.of(List.of("sk-0123456789abcdef"));

        assertEquals("key *** was wrong, ends in 9abcdef", redactor.redact(
                "key sk-012345678 was wrong, ends in 9abcdef"));
    }

    @Test
    void aWordThatAKeyHappensToContainStaysReadable() {
        Redactor redactor = Redactor.of(List.of("sk-selftest-no-developer-role"));

        assertEquals("400: Invalid value: 'developer'", redactor.redact(
                "400: Invalid value: 'developer'"));
    }

    @Test
    void plainValuesAreMaskedOnlyWhole() {
        Redactor redactor = Redactor.of(List.of(), List.of("team-search-profile"));

        assertEquals("*** and team-search", redactor.redact("team-search-profile and "
                + "team-search"));
    }

    @Test
    void leavesShortSecretsAndUnrelatedTextAlone() {
        Redactor redactor = Redactor.of(List.of("abc", ""));

        assertSame(Redactor.NONE, redactor);
        assertEquals("abc stays", redactor.redact("abc stays"));
    }

    @Test
    void neverShowsASecretInItsOwnDescription() {
        // the raw form only: the key has nothing to escape
        assertEquals("Redactor[1 forms]", Redactor.of(List.of("sk-secret-1")).toString());
    }
}
