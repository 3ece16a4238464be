/** The JUnit extension that injects the provider, gates tests and checks invariants. Not API. */
@NullMarked
package dev.providers.conformance.extension;

import org.jspecify.annotations.NullMarked;
