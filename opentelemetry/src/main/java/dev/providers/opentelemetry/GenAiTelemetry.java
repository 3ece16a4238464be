package dev.providers.opentelemetry;

import dev.providers.engine.observe.EngineObserver;
import dev.providers.engine.observe.StreamObservation;
import dev.providers.engine.observe.StreamStart;
import dev.providers.opentelemetry.internal.GenAi;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Traces and measures every stream of an engine per the OpenTelemetry GenAI semantic
 * conventions: a {@code chat {model}} client span per stream (a child of the span current where
 * the stream was started) and the metrics {@code gen_ai.client.operation.duration},
 * {@code gen_ai.client.token.usage} and {@code gen_ai.client.operation.time_to_first_chunk}.
 * Prompts and completions are recorded only when {@link Builder#captureContent} is on.
 *
 * <pre>{@code
 * ProviderEngine engine = ProviderEngine.builder().providersDir(Path.of("providers.d"))
 *         .observer(GenAiTelemetry.create(GlobalOpenTelemetry.get()))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; register one instance with any number of engines.
 */
public final class GenAiTelemetry implements EngineObserver {

    /** The instrumentation scope name of the tracer and meter. */
    public static final String INSTRUMENTATION_NAME = "dev.providers.opentelemetry";

    private final Tracer tracer;
    private final DoubleHistogram duration;
    private final LongHistogram tokenUsage;
    private final DoubleHistogram timeToFirstChunk;
    private final boolean captureContent;
    private final LongSupplier ticker;

    private GenAiTelemetry(Builder builder) {
        OpenTelemetry telemetry = builder.openTelemetry;
        tracer = telemetry.getTracer(INSTRUMENTATION_NAME);
        Meter meter = telemetry.getMeter(INSTRUMENTATION_NAME);
        duration = meter.histogramBuilder(GenAi.METRIC_OPERATION_DURATION)
                .setDescription("GenAI operation duration.").setUnit("s")
                .setExplicitBucketBoundariesAdvice(GenAi.SECONDS_BUCKETS).build();
        tokenUsage = meter.histogramBuilder(GenAi.METRIC_TOKEN_USAGE)
                .setDescription("Number of input and output tokens used.").setUnit("{token}")
                .ofLongs().setExplicitBucketBoundariesAdvice(GenAi.TOKEN_BUCKETS).build();
        timeToFirstChunk = meter.histogramBuilder(GenAi.METRIC_TIME_TO_FIRST_CHUNK)
                .setDescription("Time to receive the first chunk of a streamed response.")
                .setUnit("s").setExplicitBucketBoundariesAdvice(GenAi.SECONDS_BUCKETS).build();
        captureContent = builder.captureContent;
        ticker = builder.ticker;
    }

    /** Returns telemetry through {@code openTelemetry} that records no prompt or completion. */
    public static GenAiTelemetry create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /** Returns a builder for telemetry through {@code openTelemetry}. */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public StreamObservation streamStarted(StreamStart start) {
        return new ChatSpan(start, tracer, duration, tokenUsage, timeToFirstChunk,
                captureContent, ticker);
    }

    @Override
    public String toString() {
        return "GenAiTelemetry[captureContent=" + captureContent + "]";
    }

    /** Configures {@link GenAiTelemetry}. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean captureContent;
        private LongSupplier ticker = System::nanoTime;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /**
         * Sets whether spans carry the prompts and completions (the conventions' opt-in
         * {@code gen_ai.system_instructions}, {@code gen_ai.input.messages} and
         * {@code gen_ai.output.messages}); off by default, since they may hold personal data.
         */
        public Builder captureContent(boolean capture) {
            this.captureContent = capture;
            return this;
        }

        /** Sets the nanosecond time source of the duration metrics (for tests). */
        public Builder ticker(LongSupplier nanoTime) {
            this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** Returns the telemetry. */
        public GenAiTelemetry build() {
            return new GenAiTelemetry(this);
        }
    }
}
