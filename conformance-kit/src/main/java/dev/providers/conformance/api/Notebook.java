package dev.providers.conformance.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What one test did and noticed: its streams (checked after the test), observations, deviations
 * and suggested compat settings (written to the report). Shared by the test's variants.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Notebook {

    private final List<StreamRecord> records = new CopyOnWriteArrayList<>();
    private final List<String> observations = new CopyOnWriteArrayList<>();
    private final List<String> deviations = new CopyOnWriteArrayList<>();
    private final List<String> suggestions = new CopyOnWriteArrayList<>();
    private volatile @Nullable String attempts;
    private volatile @Nullable String expired;

    void add(StreamRecord record) {
        records.add(record);
        // a stream that raced with expire() is cancelled here if expire() did not see it
        if (expired != null) {
            record.cancel();
        }
    }

    /**
     * Ends the test's streams at its deadline: cancels every stream it started and makes each
     * later {@link ProviderUnderTest#stream} fail at once with {@code reason}, so that a test
     * with several attempts does not start new ones. The kit's extension calls this.
     */
    public void expire(String reason) {
        expired = reason;
        for (StreamRecord record : records) {
            record.cancel();
        }
    }

    /** Returns why the test's time is up, or null while it may still start streams. */
    public @Nullable String expired() {
        return expired;
    }

    /** Returns every stream the test started. */
    public List<StreamRecord> records() {
        return List.copyOf(records);
    }

    /** Returns what the test observed. */
    public List<String> observations() {
        return List.copyOf(observations);
    }

    /** Returns the deviations the test noted. */
    public List<String> deviations() {
        return List.copyOf(deviations);
    }

    /** Returns the compat settings the test suggests. */
    public List<String> suggestions() {
        return List.copyOf(suggestions);
    }

    /** Returns the pass rate of a test that ran several attempts ("2/3 …"), or null. */
    public @Nullable String attempts() {
        return attempts;
    }

    void attempts(String summary) {
        attempts = summary;
    }

    void observe(String text) {
        observations.add(text);
    }

    void deviation(String text) {
        deviations.add(text);
    }

    void suggest(String yaml) {
        if (!suggestions.contains(yaml)) {
            suggestions.add(yaml);
        }
    }
}
