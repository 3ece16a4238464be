package dev.providers.engine.internal.yaml;

import dev.providers.engine.spec.Origin;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps JSON pointers of a composed YAML document to the 1-based positions of their keys and
 * values, so that schema errors can name a line and column.
 *
 * <p>Thread-safety: effectively immutable once the reader has filled it.
 */
public final class SourceMap {

    private final String source;
    private final Map<String, int[]> positions = new HashMap<>();

    /** Creates an empty map for a file label. */
    public SourceMap(String source) {
        this.source = source;
    }

    /** Returns the file label the positions refer to. */
    public String source() {
        return source;
    }

    void put(String pointer, int keyLine, int keyColumn, int valueLine, int valueColumn) {
        positions.put(pointer, new int[] {keyLine, keyColumn, valueLine, valueColumn});
    }

    /**
     * Returns the position of the value at {@code pointer}, or of its nearest recorded ancestor.
     */
    public Origin valueAt(String pointer) {
        int[] p = nearest(pointer);
        return new Origin(source, p[2], p[3]);
    }

    /**
     * Returns the position of the key that holds {@code pointer} (the value's position for array
     * elements and the root), or of its nearest recorded ancestor.
     */
    public Origin keyAt(String pointer) {
        int[] p = nearest(pointer);
        return p[0] > 0 ? new Origin(source, p[0], p[1]) : new Origin(source, p[2], p[3]);
    }

    /** Returns whether a value was recorded at exactly this pointer. */
    public boolean contains(String pointer) {
        return positions.containsKey(pointer);
    }

    private int[] nearest(String pointer) {
        String p = pointer;
        while (true) {
            int[] found = positions.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return new int[] {0, 0, 1, 1};
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Returns the JSON pointer of a child: {@code parent/escaped(name)}. */
    public static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** Returns the JSON pointer of an array element. */
    public static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
