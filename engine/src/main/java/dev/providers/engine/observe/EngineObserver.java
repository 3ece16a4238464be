package dev.providers.engine.observe;

import org.jspecify.annotations.Nullable;

/**
 * Watches the streams of an engine, such as for tracing and metrics: registered with
 * {@code ProviderEngine.Builder.observer(...)}, it is told when each stream starts and returns
 * what watches that one stream. Listing a provider's models is not observed.
 *
 * <p>Threading: {@link #streamStarted} runs on the thread that calls {@code stream(...)} or
 * {@code complete(...)}, before anything is sent, so it sees that thread's context (a current
 * span, say). A {@link Throwable} it throws is logged and that stream goes unobserved by it; the
 * stream itself is unaffected. It may be called from many threads at once.
 */
@FunctionalInterface
public interface EngineObserver {

    /**
     * Returns what watches the stream that starts now, or null to leave it unobserved.
     *
     * @param start the stream's model, its resolution, context and options
     */
    @Nullable StreamObservation streamStarted(StreamStart start);
}
