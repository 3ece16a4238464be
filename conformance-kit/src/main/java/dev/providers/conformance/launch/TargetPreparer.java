package dev.providers.conformance.launch;

/**
 * Makes the target of a run exist before launch and tears it down after: an in-process reference
 * server, a container. {@link #prepare} may return a run pointing elsewhere (a temporary
 * providers directory, another provider id); the caller launches that run, then closes the
 * preparer whatever happened.
 */
@FunctionalInterface
public interface TargetPreparer extends AutoCloseable {

    /** Returns a preparer that leaves the run as it is and has nothing to tear down. */
    static TargetPreparer none() {
        return run -> run;
    }

    /**
     * Starts what the run needs and returns the run to launch.
     *
     * @throws Exception when the target cannot be started; the message is shown to the user
     */
    SuiteRun prepare(SuiteRun run) throws Exception;

    /** Stops what {@link #prepare} started; does nothing by default. */
    @Override
    default void close() throws Exception {
    }
}
