/** JSON forms of contexts, messages and events, for files, logs and command lines. */
@NullMarked
package dev.providers.engine.json;

import org.jspecify.annotations.NullMarked;
