package dev.providers.conformance.cli;

/** The exit statuses every command shares. */
final class ExitCodes {

    /** Everything passed. */
    static final int OK = 0;
    /** Files are invalid or checks failed. */
    static final int FAILED = 1;
    /** The command line itself was wrong (picocli uses the same value). */
    static final int USAGE = 2;

    private ExitCodes() { }
}
