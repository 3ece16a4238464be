/** JSON Schema validation of provider files and its diagnostics. Not API. */
@NullMarked
package dev.providers.engine.internal.schema;

import org.jspecify.annotations.NullMarked;
