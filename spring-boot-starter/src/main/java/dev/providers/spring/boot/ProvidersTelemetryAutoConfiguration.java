package dev.providers.spring.boot;

import dev.providers.opentelemetry.GenAiTelemetry;
import dev.providers.opentelemetry.micrometer.GenAiMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures GenAI telemetry when {@code dev.providers:providers-opentelemetry} is on the
 * class path: spans and metrics through the application's {@link OpenTelemetry} bean when it
 * has one, else metrics through Micrometer (Spring Boot binds the {@link GenAiMeterBinder} to
 * its meter registries). {@code providers.telemetry.enabled=false} turns both off.
 */
@AutoConfiguration(before = ProvidersAutoConfiguration.class, afterName = {
    "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"})
@ConditionalOnClass(GenAiTelemetry.class)
@ConditionalOnProperty(name = "providers.telemetry.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ProvidersProperties.class)
public class ProvidersTelemetryAutoConfiguration {

    /** Spans and metrics through OpenTelemetry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenTelemetry.class)
    @ConditionalOnBean(OpenTelemetry.class)
    static class OpenTelemetryTelemetry {

        /** Returns the observer that traces and measures every stream. */
        @Bean
        @ConditionalOnMissingBean
        GenAiTelemetry providersGenAiTelemetry(OpenTelemetry openTelemetry,
                ProvidersProperties properties) {
            return GenAiTelemetry.builder(openTelemetry)
                    .captureContent(properties.telemetry().captureContent()).build();
        }
    }

    /** Metrics through Micrometer, for applications without OpenTelemetry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnMissingBean(type = {"io.opentelemetry.api.OpenTelemetry",
        "dev.providers.opentelemetry.GenAiTelemetry"})
    static class MicrometerTelemetry {

        /** Returns the binder Spring Boot binds to its meter registries. */
        @Bean
        @ConditionalOnMissingBean
        GenAiMeterBinder providersGenAiMeterBinder() {
            return new GenAiMeterBinder();
        }
    }
}
