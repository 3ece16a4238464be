package dev.providers.engine.internal.watch;

import dev.providers.engine.registry.RegistryChange;
import dev.providers.engine.registry.RegistryListener;
import dev.providers.engine.internal.concurrent.SerialExecutor;
import dev.providers.engine.registry.RegistryRejection;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Delivers reload outcomes to listeners off the reloading thread, in order, isolating each
 * listener: one that throws is logged and the others still hear the event.
 *
 * <p>Thread-safety: any thread may publish or change the listeners.
 */
final class ListenerDispatcher {

    private static final System.Logger LOG = System.getLogger(ListenerDispatcher.class.getName());

    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private final Executor executor;

    ListenerDispatcher(Executor executor) {
        this.executor = new SerialExecutor(executor);
    }

    void add(RegistryListener listener) {
        listeners.add(listener);
    }

    void remove(RegistryListener listener) {
        listeners.remove(listener);
    }

    void change(RegistryChange change) {
        publish(change, RegistryListener::onChange);
    }

    void rejected(RegistryRejection rejection) {
        publish(rejection, RegistryListener::onRejected);
    }

    private <T> void publish(T event, BiConsumer<RegistryListener, T> call) {
        List<RegistryListener> snapshot = List.copyOf(listeners);
        executor.execute(() -> {
            for (RegistryListener listener : snapshot) {
                try {
                    call.accept(listener, event);
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (Throwable e) {
                    LOG.log(Level.WARNING, "registry listener " + listener.getClass().getName()
                            + " threw; other listeners are unaffected", e);
                }
            }
        });
    }
}
