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
 * @param idleTimeout default longest gap between reads of a body; a body that is not an event
 *     stream (a JSON answer, an error) must be complete within it
 * @param totalTimeout default limit for a whole request (zero: none)
 * @param heartbeatTimeout the longest a stream may send only comments (heartbeats) and no event
 * @param maxRetries default retries before a stream starts
 * @param maxRetryDelay default longest server-requested retry delay to honour
 * @param maxEventBytes the largest SSE line or event, and the largest JSON or models body
 * @param maxQueuedEvents the events a stream holds for its consumer before it stops reading
 */
public record HttpSettings(int maxConnections, int ioThreads, Duration connectTimeout,
        Duration headersTimeout, Duration idleTimeout, Duration totalTimeout,
        Duration heartbeatTimeout, int maxRetries, Duration maxRetryDelay, int maxEventBytes,
        int maxQueuedEvents) { }
