/** The conformance kit's entry point and its programmatic API. */
@NullMarked
package dev.providers.conformance;

import org.jspecify.annotations.NullMarked;
