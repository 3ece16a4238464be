/** Binding, semantic checks, overlays and compat resolution. Not API. */
@NullMarked
package dev.providers.engine.internal.config;

import org.jspecify.annotations.NullMarked;
