/**
 * BEHAVIOUR tier: what an instruction-following model must do (docs/conformance-catalogue.md §9).
 */
@NullMarked
package dev.providers.conformance.suite.behaviour;

import org.jspecify.annotations.NullMarked;
