package dev.providers.spring.boot;

import dev.providers.engine.ProviderEngine;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures the Actuator parts when the application has Actuator: the {@code providers}
 * health component (one indicator per provider; {@code management.health.providers.enabled})
 * and the {@code providers} endpoint (exposed like any other, e.g.
 * {@code management.endpoints.web.exposure.include=health,providers}).
 */
@AutoConfiguration(after = ProvidersAutoConfiguration.class)
@ConditionalOnBean(RegistrySource.class)
public class ProvidersActuatorAutoConfiguration {

    /** The health component. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthContributor.class)
    @ConditionalOnEnabledHealthIndicator("providers")
    static class Health {

        /** Returns the {@code providers} health component. */
        @Bean(name = "providersHealthContributor")
        @ConditionalOnMissingBean(name = "providersHealthContributor")
        HealthContributor providersHealthContributor(RegistrySource source,
                ProviderEngine engine, ProvidersProperties properties) {
            return new ProvidersHealthContributor(source, engine, properties.health(),
                    Clock.systemUTC());
        }
    }

    /** The endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(ProvidersEndpoint.class)
    static class Endpoints {

        /** Returns the {@code providers} endpoint. */
        @Bean
        @ConditionalOnMissingBean
        ProvidersEndpoint providersEndpoint(RegistrySource source) {
            return new ProvidersEndpoint(source);
        }
    }
}
