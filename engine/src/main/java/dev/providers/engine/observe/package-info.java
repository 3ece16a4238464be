/**
 * Watching every stream an engine runs, for telemetry: register an
 * {@link dev.providers.engine.observe.EngineObserver} on the engine's builder, and it is told
 * when each stream starts and then sees its events and final message, without wrapping the
 * listener that consumes them.
 */
@NullMarked
package dev.providers.engine.observe;

import org.jspecify.annotations.NullMarked;
