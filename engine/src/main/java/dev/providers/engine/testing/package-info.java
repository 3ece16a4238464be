/**
 * Helpers for testing code that uses the engine, and dialects: the checker of the event
 * grammar (G1–G16 of {@code docs/conformance-catalogue.md}) that the engine's own tests, the
 * conformance kit and a dialect's tests apply to every stream.
 */
@NullMarked
package dev.providers.engine.testing;

import org.jspecify.annotations.NullMarked;
