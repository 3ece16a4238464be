package dev.providers.engine.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Records every registry event, and waits (bounded) for a condition. */
final class EventRecorder implements RegistryListener {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    final List<RegistryChange> changes = new CopyOnWriteArrayList<>();
    final List<RegistryRejection> rejections = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(RegistryChange change) {
        threads.add(Thread.currentThread().getName());
        changes.add(change);
    }

    @Override
    public void onRejected(RegistryRejection rejection) {
        threads.add(Thread.currentThread().getName());
        rejections.add(rejection);
    }

    RegistryChange awaitChange(Predicate<RegistryChange> what) {
        await(() -> changes.stream().anyMatch(what), "a change event");
        return changes.stream().filter(what).findFirst().orElseThrow();
    }

    RegistryRejection awaitRejection(Predicate<RegistryRejection> what) {
        await(() -> rejections.stream().anyMatch(what), "a rejection event");
        return rejections.stream().filter(what).findFirst().orElseThrow();
    }

    /** Polls until {@code condition} holds, failing after {@link #TIMEOUT}. */
    static void await(BooleanSupplier condition, String what) {
        await(condition, () -> what);
    }

    /** Polls until {@code condition} holds, failing with a description made at the timeout. */
    static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT + " waiting for " + what.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what.get());
            }
        }
    }
}
