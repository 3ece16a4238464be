/** The engine's facade and the model reference type. */
@NullMarked
package dev.providers.engine;

import org.jspecify.annotations.NullMarked;
