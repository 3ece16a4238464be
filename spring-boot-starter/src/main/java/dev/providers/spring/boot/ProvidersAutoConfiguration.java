package dev.providers.spring.boot;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.observe.EngineObserver;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Auto-configures the engine: a {@link RegistrySource} over {@code providers.dir}, a
 * {@link ProviderEngine} built from the {@code providers.*} properties with every
 * {@link EngineObserver} bean registered, and the graceful shutdown. Define your own
 * {@code ProviderEngine} bean to replace it.
 */
@AutoConfiguration
@EnableConfigurationProperties(ProvidersProperties.class)
public class ProvidersAutoConfiguration {

    /** Returns the source of the providers, closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RegistrySource providersRegistrySource(ProvidersProperties properties,
            ResourcePatternResolver resolver) {
        return RegistrySource.open(properties, resolver, Clock.systemUTC());
    }

    /** Returns the counter of streams in flight the graceful shutdown waits for. */
    @Bean
    InFlightStreams providersInFlightStreams() {
        return new InFlightStreams();
    }

    /** Returns the lifecycle that lets streams in flight finish before the engine closes. */
    @Bean
    EngineShutdown providersEngineShutdown(InFlightStreams streams,
            ProvidersProperties properties) {
        return new EngineShutdown(streams, properties.shutdown().gracePeriod());
    }

    /** Returns the engine, closed with the context after the streams in flight finished. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ProviderEngine providerEngine(RegistrySource source, ProvidersProperties properties,
            ObjectProvider<EngineObserver> observers) {
        ProvidersProperties.Timeouts timeouts = properties.timeouts();
        ProviderEngine.Builder builder = ProviderEngine.builder().registry(source)
                .maxConnections(properties.pool().maxConnections())
                .connectTimeout(timeouts.connect())
                .headersTimeout(timeouts.headers())
                .idleTimeout(timeouts.idle())
                .totalTimeout(timeouts.total())
                .heartbeatTimeout(timeouts.heartbeat())
                .maxRetries(properties.retries().max())
                .maxRetryDelay(properties.retries().maxDelay());
        if (properties.pool().ioThreads() > 0) {
            builder.ioThreads(properties.pool().ioThreads());
        }
        // the in-flight counter and any telemetry are among them
        observers.orderedStream().forEach(builder::observer);
        return builder.build();
    }
}
