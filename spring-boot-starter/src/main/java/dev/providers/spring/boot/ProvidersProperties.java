package dev.providers.spring.boot;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code providers.*} properties of the starter.
 *
 * @param dir Where provider files live: a directory, followed as it changes, or a
 *     {@code classpath:} location read once as a read-only catalog.
 * @param strict Whether the application fails to start when a provider file is invalid (else
 *     the invalid files stay out and the endpoint shows why).
 * @param reload How the directory is followed.
 * @param pool The connection pool.
 * @param timeouts The engine's default timeouts.
 * @param retries The engine's default retries before a stream starts.
 * @param health The per-provider health checks.
 * @param telemetry The GenAI spans and metrics.
 * @param shutdown The graceful shutdown.
 */
@ConfigurationProperties("providers")
public record ProvidersProperties(
        @DefaultValue("./providers.d") String dir,
        @DefaultValue("false") boolean strict,
        @DefaultValue Reload reload,
        @DefaultValue Pool pool,
        @DefaultValue Timeouts timeouts,
        @DefaultValue Retries retries,
        @DefaultValue Health health,
        @DefaultValue Telemetry telemetry,
        @DefaultValue Shutdown shutdown) {

    /**
     * How a providers directory is followed.
     *
     * @param debounce The quiet period that coalesces a burst of changes into one reload, at
     *     least 50 ms.
     * @param pollInterval Also rescan at this interval, for file systems that deliver no events
     *     (network mounts); 0 turns polling off.
     */
    public record Reload(
            @DefaultValue("200ms") Duration debounce,
            @DefaultValue("0s") Duration pollInterval) { }

    /**
     * The connection pool.
     *
     * @param maxConnections The most connections, per host and in total.
     * @param ioThreads The I/O reactor threads; 0 for the engine's default (cores, at most 4).
     */
    public record Pool(
            @DefaultValue("256") int maxConnections,
            @DefaultValue("0") int ioThreads) { }

    /**
     * The engine's default timeouts; a provider file's own values win.
     *
     * @param connect To connect.
     * @param headers To the response head.
     * @param idle The longest gap between reads of a body.
     * @param total A whole request, stream included.
     * @param heartbeat How long a stream may send only comments before it times out.
     */
    public record Timeouts(
            @DefaultValue("10s") Duration connect,
            @DefaultValue("120s") Duration headers,
            @DefaultValue("120s") Duration idle,
            @DefaultValue("30m") Duration total,
            @DefaultValue("5m") Duration heartbeat) { }

    /**
     * The engine's default retries before a stream starts; a provider file's own values win.
     *
     * @param max How many times a failed request is sent again.
     * @param maxDelay The longest server-requested retry delay honoured.
     */
    public record Retries(
            @DefaultValue("2") int max,
            @DefaultValue("60s") Duration maxDelay) { }

    /**
     * The per-provider health checks: each lists the provider's models with its key, at most
     * once per {@code cacheFor}, in the background; a health probe never waits longer than
     * {@code timeout}.
     *
     * @param providers The provider ids to check; empty checks the providers of your own files
     *     (the built-in catalog's are left out).
     * @param timeout The longest a probe waits for a check that has not finished.
     * @param cacheFor How long a check's outcome is served before it is checked again.
     */
    public record Health(
            @DefaultValue List<String> providers,
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("30s") Duration cacheFor) { }

    /**
     * The GenAI spans and metrics, recorded through an {@code OpenTelemetry} bean when there is
     * one, else through Micrometer when it is on the class path.
     *
     * @param enabled Whether to record them.
     * @param captureContent Whether spans carry the prompts and completions (personal data).
     */
    public record Telemetry(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("false") boolean captureContent) { }

    /**
     * The graceful shutdown.
     *
     * @param gracePeriod How long closing the application waits for streams in flight to
     *     finish before the engine ends the rest with {@code aborted}.
     */
    public record Shutdown(@DefaultValue("30s") Duration gracePeriod) { }
}
