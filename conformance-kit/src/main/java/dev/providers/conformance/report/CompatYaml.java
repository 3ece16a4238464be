package dev.providers.conformance.report;

import dev.providers.conformance.launch.SuiteResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders the suggested compat settings as a YAML snippet to paste into the provider file. It is
 * printed, not applied: the kit does not guess quirks into a user's file (house rule 15) unless
 * the user asks with {@code --fix}.
 * When two tests suggest different values for one key, the later one is kept as a comment, so
 * that the snippet stays valid YAML and the user sees the conflict.
 */
final class CompatYaml {

    private CompatYaml() { }

    /** Returns the snippet, or null when the run suggested nothing. */
    static @Nullable String render(SuiteResult result) {
        List<CompatSuggestions.Suggestion> suggestions = CompatSuggestions.of(result);
        if (suggestions.isEmpty()) {
            return null;
        }
        StringBuilder yaml = new StringBuilder()
                .append("# Compat settings suggested by the conformance run of ")
                .append(result.provider()).append(result.model() == null ? "" : "/"
                        + result.model()).append(" on ")
                .append(MarkdownReport.DATE.format(result.startedAt())).append(".\n")
                .append("# Printed, not applied: review them, then paste them into the ")
                .append("provider's file\n# (or under the model's compat to limit them to ")
                .append("that model), or let `conformance --fix` apply them.\n")
                .append("compat:\n");
        Set<String> keys = new HashSet<>();
        for (CompatSuggestions.Suggestion s : suggestions) {
            String comment = "  # suggested by " + String.join(", ", s.tests());
            boolean conflict = !keys.add(s.key());
            String[] lines = s.line().split("\\R");
            for (int i = 0; i < lines.length; i++) {
                yaml.append("  ").append(conflict ? "# " : "").append(lines[i]);
                if (i == 0) {
                    yaml.append(conflict ? comment + "; conflicts with the setting above"
                            : comment);
                }
                yaml.append('\n');
            }
        }
        return yaml.toString();
    }
}
