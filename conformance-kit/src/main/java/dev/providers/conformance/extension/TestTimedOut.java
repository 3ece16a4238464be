package dev.providers.conformance.extension;

/**
 * The failure of a test that ran out of time, e.g. "timed out after 120 s". An
 * {@link AssertionError}, so that reports show its message alone.
 */
final class TestTimedOut extends AssertionError {

    private static final long serialVersionUID = 1L;

    TestTimedOut(String message) {
        super(message);
    }
}
