package dev.providers.engine.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.config.Diagnostic;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of reading one YAML file: a tree with its source map, or the problems that
 * prevented one.
 *
 * @param root the composed document, or null when {@code problems} holds an error
 * @param sourceMap positions of every value in {@code root}
 * @param problems syntax and structure errors
 */
public record YamlDocument(@Nullable JsonNode root, SourceMap sourceMap, List<Diagnostic> problems) {

    /** Copies the problems. */
    public YamlDocument {
        problems = List.copyOf(problems);
    }
}
