/** Immutable values that describe providers and models, as loaded from provider files. */
@NullMarked
package dev.providers.engine.spec;

import org.jspecify.annotations.NullMarked;
