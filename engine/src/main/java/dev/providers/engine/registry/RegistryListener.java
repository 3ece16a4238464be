package dev.providers.engine.registry;

/**
 * Receives the outcomes of reloads. Methods are called in order, one at a time, on the live
 * registry's event thread, never on the thread that watches or reloads; an exception thrown here
 * is logged and affects nothing else.
 */
public interface RegistryListener {

    /** Called after a reload published a new generation. */
    default void onChange(RegistryChange change) {
    }

    /** Called after a reload found invalid files, with their located problems. */
    default void onRejected(RegistryRejection rejection) {
    }
}
