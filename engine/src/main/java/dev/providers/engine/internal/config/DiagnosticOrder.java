package dev.providers.engine.internal.config;

import dev.providers.engine.config.Diagnostic;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Orders diagnostics by file (in load order), then line, then column. */
public final class DiagnosticOrder {

    private DiagnosticOrder() { }

    /** Sorts {@code diagnostics} in place; files not in {@code files} go last. */
    public static void sort(List<Diagnostic> diagnostics, List<String> files) {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            order.putIfAbsent(files.get(i), i);
        }
        diagnostics.sort(Comparator.comparingInt((Diagnostic d) -> order.getOrDefault(d.source(),
                Integer.MAX_VALUE)).thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column));
    }
}
