/** Immutable registry snapshots and model resolution. */
@NullMarked
package dev.providers.engine.registry;

import org.jspecify.annotations.NullMarked;
