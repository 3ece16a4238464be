/**
 * Micrometer for the provider engine, for applications without OpenTelemetry:
 * {@link dev.providers.opentelemetry.micrometer.GenAiMeterBinder} records the GenAI client
 * metrics of every stream under the OpenTelemetry GenAI conventions' names. Needs
 * {@code io.micrometer:micrometer-core} on the class path; loads no OpenTelemetry class.
 */
@NullMarked
package dev.providers.opentelemetry.micrometer;

import org.jspecify.annotations.NullMarked;
