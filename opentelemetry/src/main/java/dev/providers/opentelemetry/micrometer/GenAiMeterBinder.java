package dev.providers.opentelemetry.micrometer;

import dev.providers.engine.observe.EngineObserver;
import dev.providers.engine.observe.StreamObservation;
import dev.providers.engine.observe.StreamStart;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Records the GenAI client metrics of every stream of an engine in Micrometer, under the
 * OpenTelemetry GenAI conventions' names: the timers {@code gen_ai.client.operation.duration}
 * and {@code gen_ai.client.operation.time_to_first_chunk} and the distribution summary
 * {@code gen_ai.client.token.usage}, with the conventions' bucket boundaries. Every meter of a
 * name has the same tags (as Prometheus needs): {@code error.type} is {@code none} for a
 * stream that ended normally, and {@code gen_ai.response.model} is {@code none} when no
 * response arrived.
 *
 * <pre>{@code
 * GenAiMeterBinder metrics = new GenAiMeterBinder();
 * metrics.bindTo(meterRegistry);
 * ProviderEngine engine = ProviderEngine.builder().providersDir(Path.of("providers.d"))
 *         .observer(metrics).build();
 * }</pre>
 *
 * <p>It records into every registry it was bound to, from then on; Spring Boot binds a
 * {@link MeterBinder} bean to its registries itself.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class GenAiMeterBinder implements MeterBinder, EngineObserver {

    private final CompositeMeterRegistry registries = new CompositeMeterRegistry();
    private final LongSupplier ticker;

    /** Returns a binder that records into no registry until {@link #bindTo} is called. */
    public GenAiMeterBinder() {
        this(System::nanoTime);
    }

    /** Returns a binder whose durations come from this nanosecond time source (for tests). */
    public GenAiMeterBinder(LongSupplier nanoTime) {
        this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Records into {@code registry} from now on, as well as into those bound before. */
    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public StreamObservation streamStarted(StreamStart start) {
        return new StreamMeters(start, registries, ticker);
    }

    @Override
    public String toString() {
        return "GenAiMeterBinder[" + registries.getRegistries().size() + " registries]";
    }
}
