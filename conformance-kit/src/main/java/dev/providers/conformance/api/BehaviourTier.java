package dev.providers.conformance.api;

import dev.providers.conformance.extension.ProviderUnderTestExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks a BEHAVIOUR-tier test class: an instruction-following model, several attempts. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag("behaviour")
@ExtendWith(ProviderUnderTestExtension.class)
public @interface BehaviourTier {
}
