package dev.providers.conformance.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestPatternTest {

    private static final List<String> P04B = List.of("P04b a named function: any call is "
            + "get_weather", "namedFunction", "P04b toolChoice variants", "P04bToolChoiceTest",
            "P04b");

    @Test
    void substringsMatchAnyNameIgnoringCase() {
        assertTrue(TestPattern.parse("p04").matches(P04B));
        assertTrue(TestPattern.parse("NAMED FUNCTION").matches(P04B));
        assertTrue(TestPattern.parse("toolchoicetest").matches(P04B));
        assertFalse(TestPattern.parse("P05").matches(P04B));
    }

    @Test
    void globsMatchAWholeName() {
        assertTrue(TestPattern.parse("P04?").matches(P04B));
        assertTrue(TestPattern.parse("*weather").matches(P04B));
        assertFalse(TestPattern.parse("P0?").matches(P04B), "a glob is not a substring");
        assertFalse(TestPattern.parse("weather*").matches(P04B));
    }

    @Test
    void commasSeparateAlternatives() {
        assertTrue(TestPattern.parse("P01, P04b").matches(P04B));
        assertTrue(TestPattern.parse("P01,,*Choice*").matches(P04B));
        assertFalse(TestPattern.parse("P01,P02").matches(P04B));
    }

    @Test
    void anEmptyPatternIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPattern.parse(" , "));
        assertEquals("the test pattern ' , ' names no test; give an id, a name or a glob, "
                + "separated by commas", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SuiteRun.builder().tests(","));
    }

    @Test
    void reportedUrlsCarryNoUserInfoOrQuery() {
        assertEquals("https://api.example.com:8443/v1", TargetResolution.withoutUserInfo(
                java.net.URI.create("https://user:pw@api.example.com:8443/v1?key=k#f")));
    }

    @Test
    void catalogueIdsComeFromTheMostSpecificName() {
        assertEquals("P14a", CatalogueIds.find("P14a a wrong key", "P14 error bodies",
                "P14ErrorBodiesTest"));
        assertEquals("P14", CatalogueIds.find("a wrong key", "P14 error bodies", null));
        assertEquals("P04b", CatalogueIds.find("[1] x", "tool choice", "P04bToolChoiceTest"));
        assertEquals("P10b/c", CatalogueIds.find("P10b/c cancelled", "P10 cancel", null));
        assertEquals(null, CatalogueIds.find("x", "y", "HelperTest"));
    }
}
