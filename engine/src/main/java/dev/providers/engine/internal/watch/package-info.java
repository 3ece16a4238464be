/** Watching a providers directory and reloading it file by file. Not API. */
@NullMarked
package dev.providers.engine.internal.watch;

import org.jspecify.annotations.NullMarked;
