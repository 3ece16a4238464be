/**
 * What the OpenTelemetry and Micrometer observers share: the GenAI semantic conventions' names
 * and how a stream's values map onto them, and a stream's timing. Not API.
 */
@NullMarked
package dev.providers.opentelemetry.internal;

import org.jspecify.annotations.NullMarked;
