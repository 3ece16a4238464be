/** The typed event stream of one request, and the listener that receives it. */
@NullMarked
package dev.providers.engine.event;

import org.jspecify.annotations.NullMarked;
