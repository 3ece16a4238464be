/** What suite authors use: the provider under test, recorded streams, capabilities. */
@NullMarked
package dev.providers.conformance.api;

import org.jspecify.annotations.NullMarked;
