package dev.providers.conformance.report;

import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the run's compat suggestions: each distinct line once, with the tests behind it. */
final class CompatSuggestions {

    /**
     * One suggested setting.
     *
     * @param line the YAML line, e.g. {@code supportsDeveloperRole: false}
     * @param tests the ids of the tests that suggested it, in run order
     */
    record Suggestion(String line, List<String> tests) {

        /** Returns the key the line sets (the text before the first colon). */
        String key() {
            int colon = line.indexOf(':');
            return (colon < 0 ? line : line.substring(0, colon)).strip();
        }
    }

    private CompatSuggestions() { }

    static List<Suggestion> of(SuiteResult result) {
        Map<String, List<String>> byLine = new LinkedHashMap<>();
        for (TestResult test : result.tests()) {
            for (String suggestion : test.suggestions()) {
                List<String> tests = byLine.computeIfAbsent(suggestion.strip(),
                        key -> new ArrayList<>());
                if (!tests.contains(test.id())) {
                    tests.add(test.id());
                }
            }
        }
        List<Suggestion> suggestions = new ArrayList<>();
        byLine.forEach((line, tests) -> suggestions.add(new Suggestion(line, List.copyOf(tests))));
        return suggestions;
    }
}
