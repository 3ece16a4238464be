/** Small concurrency helpers shared by the engine's internals. Not API. */
@NullMarked
package dev.providers.engine.internal.concurrent;

import org.jspecify.annotations.NullMarked;
