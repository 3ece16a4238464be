package dev.providers.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values printed by CPython 3.11, so a mismatch points at the generator's random source. */
class PyRandomTest {

    @Test
    void randomMatchesCpython() {
        PyRandom r = new PyRandom(42);

        assertEquals(0.6394267984578837, r.random());
        assertEquals(0.025010755222666936, r.random());
        assertEquals(0.27502931836911926, r.random());
    }

    @Test
    void gaussMatchesCpython() {
        PyRandom r = new PyRandom(42);

        assertEquals(-0.002881806591558567, r.gauss(0.0, 0.02));
        assertEquals(-0.0034580720066303863, r.gauss(0.0, 0.02));
        assertEquals(-0.0022263172313532493, r.gauss(0.0, 0.02));
    }

    @Test
    void seedsWiderThan32BitsUseAllWords() {
        assertEquals(0.5043802970418443, new PyRandom((1L << 40) + 5).random());
    }

    @Test
    void negativeSeedsUseTheAbsoluteValue() {
        assertEquals(0.32383276483316237, new PyRandom(-7).random());
        assertEquals(0.32383276483316237, new PyRandom(7).random());
    }
}
