/**
 * {@code conformance --fix}: the compat settings a run suggested, written into the provider's
 * file by editing its text (comments and order kept), and the unified diff of the change. Not
 * API.
 */
@NullMarked
package dev.providers.conformance.fix;

import org.jspecify.annotations.NullMarked;
