/** The conformance suite: PROTOCOL and BEHAVIOUR tiers. */
@NullMarked
package dev.providers.conformance.suite;

import org.jspecify.annotations.NullMarked;
