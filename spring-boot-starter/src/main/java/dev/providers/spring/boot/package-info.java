/**
 * The Spring Boot starter: auto-configures a {@link dev.providers.engine.ProviderEngine} over a
 * live providers directory (or a read-only {@code classpath:} catalog) from the
 * {@code providers.*} properties, with an Actuator health indicator per provider, the
 * {@code providers} endpoint, GenAI telemetry when OpenTelemetry or Micrometer is present, and a
 * graceful shutdown that lets streams in flight finish.
 */
@NullMarked
package dev.providers.spring.boot;

import org.jspecify.annotations.NullMarked;
