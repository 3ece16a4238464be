package dev.providers.conformance.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.providers.conformance.redaction.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RedactedFailureTest {

    private static final String KEY = "sk-echoed-7Hq2rLw9";
    private static final Redactor REDACTOR = Redactor.of(List.of(KEY));

    @Test
    void aFailureWithoutASecretIsKeptAsItIs() {
        AssertionError failure = new AssertionError("expected stop but was length");
        assertSame(failure, RedactedFailure.of(failure, REDACTOR));
    }

    @Test
    void messagesCausesAndSuppressedFailuresLoseTheSecretAndKeepTheirShape() {
        IllegalStateException cause = new IllegalStateException("401 for key " + KEY);
        AssertionError failure = new AssertionError("stream 1 ended with error (auth): 401: "
                + "Incorrect API key provided: " + KEY, cause);
        failure.addSuppressed(new RuntimeException("again " + KEY));

        Throwable redacted = RedactedFailure.of(failure, REDACTOR);

        assertEquals("stream 1 ended with error (auth): 401: Incorrect API key provided: ***",
                redacted.getMessage());
        assertArrayEquals(failure.getStackTrace(), redacted.getStackTrace());
        assertEquals("java.lang.IllegalStateException: 401 for key ***",
                redacted.getCause().toString());
        assertEquals("RuntimeException: again ***", redacted.getSuppressed()[0].getMessage());
        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));
        assertFalse(printed.toString().contains(KEY), printed::toString);
    }

    @Test
    void anAssumptionStaysAnAssumption() {
        Throwable redacted = RedactedFailure.of(new TestAbortedException("no key " + KEY),
                REDACTOR);
        assertInstanceOf(TestAbortedException.class, redacted);
        assertEquals("no key ***", redacted.getMessage());
    }
}
