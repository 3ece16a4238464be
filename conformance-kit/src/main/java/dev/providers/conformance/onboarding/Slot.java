package dev.providers.conformance.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One key of a draft: its value (a scalar, a flow list or map, or a nested block of slots) and
 * the comment written above it.
 *
 * @param key the YAML key
 * @param value the value; a {@code List<Slot>} is written as a nested block mapping
 * @param comment where the value came from, or null
 */
record Slot(String key, @Nullable Object value, @Nullable String comment) {

    /** Returns the slots as block-mapping lines at the indentation, in the order given. */
    static void render(Iterable<Slot> slots, int indent, List<String> out) {
        for (Slot slot : slots) {
            if (slot.comment != null && !slot.comment.isBlank()) {
                out.addAll(YamlText.comment(slot.comment, indent));
            }
            String head = " ".repeat(indent) + YamlText.key(slot.key) + ":";
            if (slot.value instanceof Block block) {
                out.add(head);
                render(block.slots(), indent + 2, out);
            } else {
                out.add(head + " " + YamlText.value(slot.value));
            }
        }
    }

    /** A nested block mapping (headers, compat, cost, thinkingLevelMap). */
    record Block(List<Slot> slots) {
        Block {
            slots = List.copyOf(slots);
        }
    }

    /** Collects the slots of one nested mapping, a later key replacing an earlier one. */
    static final class Group {
        private final Map<String, Slot> slots = new LinkedHashMap<>();

        void put(String key, @Nullable Object value, @Nullable String comment) {
            slots.remove(key);
            slots.put(key, new Slot(key, value, comment));
        }

        boolean isEmpty() {
            return slots.isEmpty();
        }

        Block block() {
            return new Block(new ArrayList<>(slots.values()));
        }

        Block block(List<String> order) {
            List<Slot> ordered = new ArrayList<>();
            for (String key : order) {
                Slot slot = slots.get(key);
                if (slot != null) {
                    ordered.add(slot);
                }
            }
            return new Block(ordered);
        }
    }
}
