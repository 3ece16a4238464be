package dev.providers.conformance.cli;

/** How a command prints its results. */
enum OutputFormat {
    /** Lines for people (gcc-style for diagnostics). */
    TEXT,
    /** One JSON document. */
    JSON,
    /** GitHub Actions workflow commands ({@code ::error file=...::}). */
    GITHUB
}
