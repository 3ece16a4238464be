/**
 * OpenTelemetry for the provider engine: {@link dev.providers.opentelemetry.GenAiTelemetry} is an
 * engine observer that makes one {@code chat {model}} span per stream and records the GenAI
 * client metrics, following the OpenTelemetry GenAI semantic conventions.
 */
@NullMarked
package dev.providers.opentelemetry;

import org.jspecify.annotations.NullMarked;
