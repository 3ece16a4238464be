/** Loading provider files: one path from bytes to a validated registry, with located diagnostics. */
@NullMarked
package dev.providers.engine.config;

import org.jspecify.annotations.NullMarked;
