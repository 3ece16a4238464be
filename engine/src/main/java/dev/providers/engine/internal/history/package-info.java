/**
 * The transforms every dialect applies to a history before encoding it: failed turns out,
 * orphaned tool calls answered, other models' turns rewritten, images replaced for text-only
 * models, tool-call ids normalised. Reached through {@link dev.providers.engine.spi.History}.
 */
@NullMarked
package dev.providers.engine.internal.history;

import org.jspecify.annotations.NullMarked;
