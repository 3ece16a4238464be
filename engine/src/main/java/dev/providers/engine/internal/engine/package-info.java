/** The engine's per-request plumbing: preparation, dispatch, handles. Not API. */
@NullMarked
package dev.providers.engine.internal.engine;

import org.jspecify.annotations.NullMarked;
