package dev.providers.engine.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Measures how deep a tree nests without recursing, so that a tree from any source can be
 * refused before a recursive stage (schema validation, binding) meets it.
 *
 * <p>Thread-safety: stateless.
 */
final class TreeDepth {

    private TreeDepth() { }

    /** Returns whether {@code root} nests containers deeper than {@code limit} levels. */
    static boolean exceeds(JsonNode root, int limit) {
        Deque<JsonNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(root.isContainerNode() ? 1 : 0);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            if (depth > limit) {
                return true;
            }
            for (JsonNode child : node) {
                if (child.isContainerNode()) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        return false;
    }
}
