package dev.providers.engine.internal.engine;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.observe.EngineObserver;
import dev.providers.engine.observe.StreamObservation;
import dev.providers.engine.observe.StreamStart;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Starts the engine's observers for one stream and fans its events out to them, containing
 * whatever each throws: an observer's failure is logged and costs neither the stream nor the
 * other observers anything.
 *
 * <p>Thread-safety: {@link #start} may run on any thread; an instance is used on its stream's
 * serial lane only.
 */
final class Observations implements StreamObservation {

    private static final System.Logger LOG = System.getLogger(Observations.class.getName());

    private final StreamObservation[] observations;

    private Observations(StreamObservation[] observations) {
        this.observations = observations;
    }

    /** Returns what watches a starting stream, or null when no observer wants to. */
    static @Nullable Observations start(List<EngineObserver> observers, StreamStart start) {
        List<StreamObservation> started = new ArrayList<>(observers.size());
        for (EngineObserver observer : observers) {
            try {
                StreamObservation observation = observer.streamStarted(start);
                if (observation != null) {
                    started.add(observation);
                }
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "an engine observer threw when " + start.model()
                        + " started; it does not watch that stream", e);
            }
        }
        return started.isEmpty() ? null
                : new Observations(started.toArray(StreamObservation[]::new));
    }

    @Override
    public void onEvent(StreamEvent event) {
        for (StreamObservation observation : observations) {
            try {
                observation.onEvent(event);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "a stream observation threw; the stream goes on", e);
            }
        }
    }

    @Override
    public void onEnd(AssistantMessage message) {
        for (StreamObservation observation : observations) {
            try {
                observation.onEnd(message);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "a stream observation threw; the stream goes on", e);
            }
        }
    }
}
