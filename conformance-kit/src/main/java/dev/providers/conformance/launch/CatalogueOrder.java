package dev.providers.conformance.launch;

import dev.providers.conformance.api.BehaviourTier;
import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the suite in catalogue order: the PROTOCOL tier before the BEHAVIOUR tier (a broken
 * protocol explains behaviour failures, so it should be read first), and within a tier by ID
 * (P01, P02, …, P04, P04b, …), which the simple class names start with.
 */
public final class CatalogueOrder implements ClassOrderer {

    /** Creates the orderer; JUnit does this by name. */
    public CatalogueOrder() { }

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor c) -> c.getTestClass().isAnnotationPresent(
                        BehaviourTier.class) ? 1 : 0)
                .thenComparing(c -> c.getTestClass().getSimpleName()));
    }
}
