/** Stream decoding: SSE framing, chunk decoding, tool-call assembly, partial JSON. Not API. */
@NullMarked
package dev.providers.engine.internal.stream;

import org.jspecify.annotations.NullMarked;
