/**
 * PROTOCOL tier: what any endpoint must do, whatever its model (docs/conformance-catalogue.md §7).
 */
@NullMarked
package dev.providers.conformance.suite.protocol;

import org.jspecify.annotations.NullMarked;
