/** Error kinds and messages, context-overflow detection and retry decisions. Not API. */
@NullMarked
package dev.providers.engine.internal.errors;

import org.jspecify.annotations.NullMarked;
