package dev.providers.engine.internal.http;

import java.time.Duration;

/**
 * The engine-wide transport settings; providers and requests may override the timeouts and
 * retries.
 *
 * @param maxConnections connections per route and in total
 * @param ioThreads I/O reactor threads
 * @param connectTimeout default time to connect
 * @param headersTimeout default time to the response head
 * @param idleTimeout default longest gap between chunks
 * @param totalTimeout default limit for a whole request (zero: none)
 * @param maxRetries default retries before a stream starts
 * @param maxRetryDelay default longest server-requested retry delay to honour
 */
public record HttpSettings(int maxConnections, int ioThreads, Duration connectTimeout,
        Duration headersTimeout, Duration idleTimeout, Duration totalTimeout, int maxRetries,
        Duration maxRetryDelay) { }
