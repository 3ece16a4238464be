package dev.providers.conformance.launch;

import dev.providers.conformance.api.Tier;
import dev.providers.conformance.extension.ProviderUnderTestExtension;
import dev.providers.conformance.redaction.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Builds a {@link TestResult} for every test as it finishes, from the execution events and the
 * report entries the kit's extension publishes, and hands each to a consumer (the console).
 * Containers produce a result only when they fail or are skipped as a whole, because their tests
 * then never report on their own. Every text of a result has the run's secrets redacted, so
 * that nothing downstream (console, reports) can show one. A test skipped because the run's
 * deadline passed is {@link TestStatus#NOT_RUN}.
 *
 * <p>Thread-safety: thread-safe (methods are synchronized; the suite may run in parallel).
 */
final class ResultCollector implements TestExecutionListener {

    // the keys published by extension.Reporting and ProviderUnderTestExtension
    private static final String OBSERVATION = "observation";
    private static final String DEVIATION = "deviation";
    private static final String SUGGESTION = "suggestion";
    private static final String ATTEMPTS = "attempts";
    private static final String CAPTURE = "capture";

    /** The report entries of one test or container. */
    private static final class Notes {
        final List<String> observations = new ArrayList<>();
        final List<String> deviations = new ArrayList<>();
        final List<String> suggestions = new ArrayList<>();
        @Nullable String attempts;
        @Nullable String capture;
    }

    private final Consumer<TestResult> onResult;
    private final LongSupplier nanoTime;
    private final Redactor redactor;
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Notes> notes = new HashMap<>();
    private final List<TestResult> results = new ArrayList<>();
    private @Nullable TestPlan plan;

    ResultCollector(Consumer<TestResult> onResult, LongSupplier nanoTime, Redactor redactor) {
        this.onResult = onResult;
        this.nanoTime = nanoTime;
        this.redactor = redactor;
    }

    /** Returns the results so far, in the order the tests finished. */
    synchronized List<TestResult> results() {
        return List.copyOf(results);
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), nanoTime.getAsLong());
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Notes n = notes.computeIfAbsent(id.getUniqueId(), key -> new Notes());
        entry.getKeyValuePairs().forEach((key, value) -> {
            switch (key) {
                case OBSERVATION -> n.observations.add(value);
                case DEVIATION -> n.deviations.add(value);
                case SUGGESTION -> {
                    if (!n.suggestions.contains(value)) {
                        n.suggestions.add(value);
                    }
                }
                case ATTEMPTS -> n.attempts = value;
                case CAPTURE -> n.capture = value;
                default -> n.observations.add(key + ": " + value);
            }
        });
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.getParentIdObject().isEmpty()) {
            return;
        }
        add(id, reason.startsWith(ProviderUnderTestExtension.NOT_RUN) ? TestStatus.NOT_RUN
                : TestStatus.SKIPPED, Duration.ZERO, reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long start = started.remove(id.getUniqueId());
        Duration duration = Duration.ofNanos(start == null ? 0 : nanoTime.getAsLong() - start);
        TestStatus status = switch (result.getStatus()) {
            case SUCCESSFUL -> TestStatus.PASSED;
            case ABORTED -> TestStatus.ABORTED;
            case FAILED -> TestStatus.FAILED;
        };
        if (!id.isTest() && status == TestStatus.PASSED) {
            notes.remove(id.getUniqueId());
            return;
        }
        String message = result.getThrowable().map(FailureMessages::of).orElse(null);
        add(id, status, duration, message);
    }

    private void add(TestIdentifier id, TestStatus status, Duration duration,
            @Nullable String message) {
        TestIdentifier type = classOf(id);
        String classDisplayName = type != null ? type.getDisplayName() : id.getDisplayName();
        String simpleName = type != null ? type.getSource().map(ResultCollector::className)
                .map(TestPattern::simpleName).orElse(null) : null;
        boolean classLevel = type == null || type.equals(id);
        String displayName = classLevel ? classDisplayName : displayName(id, type);
        String catalogueId = CatalogueIds.find(classLevel ? null : id.getDisplayName(),
                classDisplayName, simpleName);
        Notes n = notes.remove(id.getUniqueId());
        if (n == null) {
            n = new Notes();
        }
        TestResult result = new TestResult(
                catalogueId != null ? catalogueId : simpleName != null ? simpleName
                        : redactor.redact(id.getDisplayName()),
                redactor.redact(classDisplayName), redactor.redact(displayName), source(id),
                tier(id), status, duration, redactor.redactNullable(message),
                redactor.redact(n.observations), redactor.redact(n.deviations),
                redactor.redact(n.suggestions), redactor.redactNullable(n.attempts),
                n.capture);
        results.add(result);
        onResult.accept(result);
    }

    /** Returns the nearest enclosing (or own) class container, or null. */
    private @Nullable TestIdentifier classOf(TestIdentifier id) {
        for (TestIdentifier t = id; t != null; t = parent(t)) {
            if (t.getSource().filter(s -> s instanceof ClassSource).isPresent()) {
                return t;
            }
        }
        return null;
    }

    /**
     * Joins the display names below the class ("template [1] invocation"), leaving out a
     * template's default name ("method(int, ProviderUnderTest)"): suite tests name their
     * invocations in full.
     */
    private String displayName(TestIdentifier id, TestIdentifier type) {
        List<String> names = new ArrayList<>();
        for (TestIdentifier t = id; t != null && !t.equals(type); t = parent(t)) {
            if (t.equals(id) || !defaultName(t)) {
                names.add(0, t.getDisplayName());
            }
        }
        return String.join(" ", names);
    }

    private static boolean defaultName(TestIdentifier id) {
        String name = id.getDisplayName();
        return id.getSource().filter(s -> s instanceof MethodSource)
                .map(s -> ((MethodSource) s).getMethodName() + "(")
                .filter(prefix -> name.startsWith(prefix) && name.endsWith(")")).isPresent();
    }

    private @Nullable TestIdentifier parent(TestIdentifier id) {
        return plan == null ? null : plan.getParent(id).orElse(null);
    }

    private static @Nullable String source(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            return TestPattern.simpleName(method.getClassName()) + "#" + method.getMethodName();
        }
        return source.map(ResultCollector::className).map(TestPattern::simpleName).orElse(null);
    }

    private static @Nullable String className(TestSource source) {
        if (source instanceof ClassSource type) {
            return type.getClassName();
        }
        return source instanceof MethodSource method ? method.getClassName() : null;
    }

    private static @Nullable Tier tier(TestIdentifier id) {
        for (Tier tier : Tier.values()) {
            if (id.getTags().contains(TestTag.create(tier.tag()))) {
                return tier;
            }
        }
        return null;
    }
}
