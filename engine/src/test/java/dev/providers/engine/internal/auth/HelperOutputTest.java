package dev.providers.engine.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a credential helper may print, and what is wrong with what it may not. */
class HelperOutputTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(300);

    private static Token parse(String stdout) {
        return HelperOutput.parse(stdout, NOW, TTL).token();
    }

    @Test
    void aBareTokenLivesForTheTtl() {
        Token token = parse("ya29.a0AfB_byC-token_value\n");
        assertEquals("ya29.a0AfB_byC-token_value", token.value());
        assertEquals(NOW.plusSeconds(300), token.expiresAt());
    }

    @Test
    void jsonGivesTheTokenAndItsExpiryInEveryAcceptedSpelling() {
        assertEquals(Instant.parse("2030-01-01T00:10:00Z"), parse(
                "{\"token\":\"t-1\",\"expiresAt\":\"2030-01-01T00:10:00Z\"}").expiresAt());
        assertEquals(Instant.parse("2030-01-01T00:10:00Z"), parse(
                "{\"access_token\":\"t-2\",\"expiresAt\":1893456600}").expiresAt());
        assertEquals(NOW.plusSeconds(1800), parse(
                "{\"access_token\":\"t-3\",\"expires_in\":\"1800\"}").expiresAt());
        // az account get-access-token --output json
        Token az = parse("{\"accessToken\":\"eyJ0eXAi\",\"expiresOn\":\"2030-01-01 00:20:00"
                + ".000000\",\"expires_on\":1893457200,\"tokenType\":\"Bearer\"}");
        assertEquals("eyJ0eXAi", az.value());
        assertEquals(Instant.parse("2030-01-01T00:20:00Z"), az.expiresAt());
        assertEquals(NOW.plus(TTL), parse("{\"token\":\"t-4\"}").expiresAt());
    }

    @Test
    void otherLongJsonValuesCountAsSecrets() {
        HelperOutput.Parsed parsed = HelperOutput.parse("{\"token\":\"t-5\",\"refresh\":"
                + "\"rt-0123456789abcdef\",\"kind\":\"Bearer\"}", NOW, TTL);
        assertTrue(parsed.secrets().contains("rt-0123456789abcdef"));
        assertFalse(parsed.secrets().contains("Bearer"));
    }

    @Test
    void badOutputSaysWhatIsWrongAndNeverWhatItHolds() {
        for (String[] c : new String[][] {
                {"", "printed nothing on stdout"},
                {"secret-one secret-two", "printed more than one word; a helper prints the token "
                        + "alone, or a JSON object with token and expiresAt"},
                {"{\"token\": \"secret-value\"", "printed a JSON object that does not parse"},
                {"{\"tok\":\"secret-value\"}", "printed a JSON object without token or "
                        + "access_token"},
                {"{\"token\":\"t\",\"expiresAt\":\"next tuesday\"}", "printed an expiresAt that "
                        + "is neither ISO-8601 (2030-01-01T00:00:00Z) nor epoch seconds"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse(c[0]), c[0]);
            assertEquals(c[1], e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }
}
