package dev.providers.conformance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.spec.Origin;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Shared JSON writing for the commands' {@code --format json} output. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() { }

    static String pretty(Object tree) {
        try {
            return PRETTY.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static ArrayNode diagnostics(List<Diagnostic> diagnostics) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Diagnostic d : diagnostics) {
            ObjectNode node = array.addObject()
                    .put("severity", d.severity().label())
                    .put("file", d.source())
                    .put("line", d.line())
                    .put("column", d.column())
                    .put("pointer", d.pointer())
                    .put("message", d.fullMessage());
            if (d.schemaLocation() != null) {
                node.put("schemaLocation", d.schemaLocation());
            }
            ArrayNode suggestions = node.putArray("suggestions");
            d.suggestions().forEach(suggestions::add);
        }
        return array;
    }

    static @Nullable String origin(@Nullable Origin origin) {
        return origin == null ? null : origin.toString();
    }
}
