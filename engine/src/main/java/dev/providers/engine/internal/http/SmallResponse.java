package dev.providers.engine.internal.http;

import org.jspecify.annotations.Nullable;

/**
 * A small response read whole (a model list).
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header, or null
 * @param body the body, at most the limit it was read with
 */
public record SmallResponse(int status, @Nullable String contentType, byte[] body) { }
