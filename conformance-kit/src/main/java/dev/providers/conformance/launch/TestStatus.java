package dev.providers.conformance.launch;

/** How one test (or a class that failed or was skipped as a whole) ended. */
public enum TestStatus {
    /** It ran and passed. */
    PASSED,
    /** It ran and failed, or could not run because of an error. */
    FAILED,
    /** It did not run; the message says why. */
    SKIPPED,
    /** It started and gave up on an unmet assumption; not a failure. */
    ABORTED,
    /**
     * It was selected but never ran because the run's deadline had passed; the run then
     * counts as failed, since it did not finish.
     */
    NOT_RUN
}
