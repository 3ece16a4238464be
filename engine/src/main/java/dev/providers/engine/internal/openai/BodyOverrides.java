package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The last two steps of body construction: the caller's {@code extraBody} merged into the top
 * level (able to override anything above; a null value removes the key), then
 * {@code omitFields} removing keys the server rejects.
 *
 * <p>Thread-safety: stateless.
 */
final class BodyOverrides {

    private BodyOverrides() { }

    /** Applies the extra fields, then the omissions. */
    static void apply(ObjectNode body, Map<String, @Nullable Object> extraBody,
            List<String> omitFields) {
        extraBody.forEach((field, value) -> {
            if (value == null) {
                body.remove(field);
            } else {
                body.set(field, WireJson.tree(value));
            }
        });
        // (ours) omissions win over the caller's extra fields: they describe what the server
        // rejects, whoever asked for the field
        omitFields.forEach(body::remove);
    }
}
