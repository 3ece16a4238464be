package dev.providers.maven;

import dev.providers.engine.config.Diagnostic;
import java.util.Map;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...,col=...::message}), which
 * GitHub shows as annotations on the pull request's changed lines.
 */
final class GitHubAnnotation {

    /** The environment variable GitHub Actions sets to {@code true} in every step. */
    static final String ACTIONS_VARIABLE = "GITHUB_ACTIONS";
    /** The environment variable holding the checked-out repository's folder. */
    static final String WORKSPACE_VARIABLE = "GITHUB_WORKSPACE";

    private GitHubAnnotation() { }

    /**
     * Returns whether to print annotations: {@code true} or {@code false} as configured, else
     * ({@code auto}) whether the build runs in GitHub Actions.
     *
     * @throws IllegalArgumentException for any other setting
     */
    static boolean enabled(String setting, Map<String, String> environment) {
        return switch (setting.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "auto", "" -> "true".equals(environment.get(ACTIONS_VARIABLE));
            default -> throw new IllegalArgumentException("githubAnnotations must be auto, true "
                    + "or false; was '" + setting + "'");
        };
    }

    /** Returns the workflow command for one problem of a provider file. */
    static String of(Diagnostic d) {
        StringBuilder out = new StringBuilder("::").append(d.isError() ? "error" : "warning")
                .append(" file=").append(property(d.source()));
        if (d.line() > 0) {
            out.append(",line=").append(d.line()).append(",col=").append(Math.max(1, d.column()));
        }
        out.append(",title=").append(property("provider file")).append("::");
        String message = d.pointer().isEmpty() ? d.fullMessage()
                : d.pointer() + ": " + d.fullMessage();
        return out.append(data(message)).toString();
    }

    /** Escapes a message the way the workflow command parser expects. */
    private static String data(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value, which also ends at a comma or colon. */
    private static String property(String value) {
        return data(value).replace(":", "%3A").replace(",", "%2C");
    }
}
