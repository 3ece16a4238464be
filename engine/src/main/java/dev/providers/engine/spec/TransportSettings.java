package dev.providers.engine.spec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A provider's retry and timeout settings; a null value means the engine's default.
 *
 * @param maxRetries retries before a stream starts
 * @param maxRetryDelay the longest server-requested retry delay to honour
 * @param connectTimeout time to connect
 * @param headersTimeout time from sending the request to the response head
 * @param idleTimeout the longest gap between chunks
 * @param totalTimeout the limit for the whole request ({@link Duration#ZERO} for none)
 */
public record TransportSettings(@Nullable Integer maxRetries, @Nullable Duration maxRetryDelay,
        @Nullable Duration connectTimeout, @Nullable Duration headersTimeout,
        @Nullable Duration idleTimeout, @Nullable Duration totalTimeout) {

    /** Nothing set: the engine's defaults apply. */
    public static final TransportSettings DEFAULTS =
            new TransportSettings(null, null, null, null, null, null);

    /** Returns these settings with {@code top}'s non-null values applied over them. */
    public TransportSettings overlay(TransportSettings top) {
        return new TransportSettings(
                top.maxRetries != null ? top.maxRetries : maxRetries,
                top.maxRetryDelay != null ? top.maxRetryDelay : maxRetryDelay,
                top.connectTimeout != null ? top.connectTimeout : connectTimeout,
                top.headersTimeout != null ? top.headersTimeout : headersTimeout,
                top.idleTimeout != null ? top.idleTimeout : idleTimeout,
                top.totalTimeout != null ? top.totalTimeout : totalTimeout);
    }
}
