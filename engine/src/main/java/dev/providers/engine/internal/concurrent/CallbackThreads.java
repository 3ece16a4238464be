package dev.providers.engine.internal.concurrent;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The engine's own executor for listener callbacks: one virtual thread per task where the JVM
 * has them (Java 21+), else a {@link CallbackPool} of daemon threads, one per core, that adds a
 * thread whenever all of its threads are blocked. Either way a listener may block, or wait for
 * another request of the same engine, without stalling the rest for long. Each stream's events
 * stay serial: a stream has at most one task running at a time.
 *
 * <p>Thread-safety: stateless factory.
 */
public final class CallbackThreads {

    private static final System.Logger LOG = System.getLogger(CallbackThreads.class.getName());

    private CallbackThreads() { }

    /**
     * Returns a new executor whose threads are named {@code prefix} and a number; {@code timers}
     * runs the platform pool's stall checks.
     */
    public static ExecutorService create(String prefix, ScheduledExecutorService timers) {
        ExecutorService virtual = virtualThreads(prefix);
        if (virtual != null) {
            return virtual;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new CallbackPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                factory, timers);
    }

    /**
     * Returns {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1)
     * .factory())}, looked up by reflection because the engine is compiled for Java 17; or null
     * on a JVM without virtual threads.
     */
    private static @Nullable ExecutorService virtualThreads(String prefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtual.getMethod("name", String.class, long.class)
                    .invoke(builder, prefix, 1L);
            ThreadFactory factory = (ThreadFactory) Class.forName("java.lang.Thread$Builder")
                    .getMethod("factory").invoke(builder);
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor",
                    ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (NoSuchMethodException | ClassNotFoundException e) {
            return null; // Java 17 to 20
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "virtual threads unavailable; using a platform thread pool", e);
            return null;
        }
    }
}
