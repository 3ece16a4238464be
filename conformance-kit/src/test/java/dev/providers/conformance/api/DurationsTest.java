package dev.providers.conformance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsUnitsBareSecondsAndIso() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofSeconds(90), Durations.parse(" 90 sec "));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("30min"));
        assertEquals(Duration.ofHours(1), Durations.parse("1H"));
        assertEquals(Duration.ofSeconds(120), Durations.parse("120"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("PT2M"));
        assertEquals(Duration.ofMillis(1500), Durations.parse(Durations.format(
                Duration.ofMillis(1500))));
    }

    @Test
    void refusesWhatIsNotAPositiveBoundedDuration() {
        assertEquals("'soon' is not a duration; write e.g. 500ms, 90s, 2m, 1h, 120 (seconds) or "
                + "PT2M", assertThrows(IllegalArgumentException.class,
                        () -> Durations.parse("soon")).getMessage());
        assertEquals("the duration '0' must be positive", assertThrows(
                IllegalArgumentException.class, () -> Durations.parse("0")).getMessage());
        assertEquals("the duration 'PT-1S' must be positive", assertThrows(
                IllegalArgumentException.class, () -> Durations.parse("PT-1S")).getMessage());
        assertEquals("the duration 'P8D' is longer than 168 h", assertThrows(
                IllegalArgumentException.class, () -> Durations.parse("P8D")).getMessage());
    }

    @Test
    void showsDurationsTheWayPeopleWriteThem() {
        assertEquals("500 ms", Durations.describe(Duration.ofMillis(500)));
        assertEquals("1 s", Durations.describe(Duration.ofSeconds(1)));
        assertEquals("1.5 s", Durations.describe(Duration.ofMillis(1500)));
        assertEquals("120 s", Durations.describe(Duration.ofSeconds(120)));
        assertEquals("30 min", Durations.describe(Duration.ofMinutes(30)));
        assertEquals("120 min", Durations.describe(Duration.ofHours(2)));
        assertEquals("168 h", Durations.describe(Duration.ofDays(7)));
        assertEquals("630.5 s", Durations.describe(Duration.ofMillis(630_500)));
    }
}
