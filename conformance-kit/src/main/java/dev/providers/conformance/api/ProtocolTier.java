package dev.providers.conformance.api;

import dev.providers.conformance.extension.ProviderUnderTestExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks a PROTOCOL-tier test class: one attempt, any model, the provider injected. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag("protocol")
@ExtendWith(ProviderUnderTestExtension.class)
public @interface ProtocolTier {
}
