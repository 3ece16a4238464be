/**
 * Telemetry for the provider engine: spans and metrics per the OpenTelemetry GenAI semantic
 * conventions ({@code dev.providers.opentelemetry}) and the same metrics through Micrometer
 * ({@code dev.providers.opentelemetry.micrometer}, for applications without OpenTelemetry).
 */
module dev.providers.opentelemetry {
    requires transitive dev.providers.engine;
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires static micrometer.core;
    requires static org.jspecify;

    exports dev.providers.opentelemetry;
    exports dev.providers.opentelemetry.micrometer;
}
