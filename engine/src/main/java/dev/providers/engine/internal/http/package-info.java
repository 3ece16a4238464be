/** The HTTP transport: HttpClient 5 async, retries, timeouts and cancellation. Not API. */
@NullMarked
package dev.providers.engine.internal.http;

import org.jspecify.annotations.NullMarked;
