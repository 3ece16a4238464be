package dev.providers.conformance.launch;

import dev.providers.conformance.api.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one test ended, with what it noted. A class that failed or was skipped as a whole (so its
 * tests never ran) has one result of its own, whose {@code displayName} is the class's.
 *
 * @param id the catalogue id ("P04", "P14a"), or the class's simple name when it has none
 * @param classDisplayName the display name of the test's class ("P04 tool call, …")
 * @param displayName the test's display name (the class's for a class-level result)
 * @param source where the test is declared ({@code Class#method} or {@code Class}), or null
 * @param tier the tier the test is tagged with, or null when it has no tier tag
 * @param status how it ended
 * @param duration how long it ran (zero when skipped)
 * @param message the first failure's message or the skip reason, or null
 * @param observations what the test observed about the endpoint
 * @param deviations server behaviours the engine handles but the user should know about
 * @param suggestions compat settings the test suggests, one YAML line each
 * @param attempts the pass rate of a test with several attempts ("2/3 attempts passed; …"),
 *     or null
 * @param capture the directory of the failure's captured requests and responses, relative to
 *     the report directory, or null
 */
public record TestResult(
        String id,
        String classDisplayName,
        String displayName,
        @Nullable String source,
        @Nullable Tier tier,
        TestStatus status,
        Duration duration,
        @Nullable String message,
        List<String> observations,
        List<String> deviations,
        List<String> suggestions,
        @Nullable String attempts,
        @Nullable String capture) {

    /** Copies the lists and rejects missing values. */
    public TestResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(classDisplayName, "classDisplayName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        observations = List.copyOf(observations);
        deviations = List.copyOf(deviations);
        suggestions = List.copyOf(suggestions);
    }

    /** Returns "class › test", or the class's display name alone for a class-level result. */
    public String title() {
        return displayName.equals(classDisplayName) ? displayName
                : classDisplayName + " › " + displayName;
    }

    /** Returns the first line of the message, or null when there is no message. */
    public @Nullable String firstLine() {
        if (message == null) {
            return null;
        }
        String trimmed = message.strip();
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
    }
}
