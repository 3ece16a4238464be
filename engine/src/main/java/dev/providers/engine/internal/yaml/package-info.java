/** YAML composition into Jackson trees with source positions. Not API. */
@NullMarked
package dev.providers.engine.internal.yaml;

import org.jspecify.annotations.NullMarked;
