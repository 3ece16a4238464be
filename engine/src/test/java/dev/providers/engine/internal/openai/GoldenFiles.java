package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Golden JSON files: canonical comparison (sorted keys, pretty printed, compared as text, as W19
 * asks), a readable line diff on mismatch, and a regeneration mode.
 *
 * <p>Run with {@code -Dgolden.update=true} to (re)write the files under
 * {@code src/test/resources/golden/requests/} from the current encoder; review the diff before
 * keeping them.
 */
final class GoldenFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final String RESOURCES = "golden/requests/";
    private static final Path SOURCE_DIR = Path.of("src/test/resources", RESOURCES);

    private GoldenFiles() { }

    /** Returns whether the goldens are being regenerated. */
    static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    /** Returns a golden file's tree, or null when it does not exist. */
    static JsonNode read(String file) {
        try (InputStream in = GoldenFiles.class.getClassLoader()
                .getResourceAsStream(RESOURCES + file)) {
            return in == null ? null : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a golden file in the source tree, in the tree's own (construction) order. */
    static void write(String file, JsonNode tree) {
        try {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(file), pretty(tree) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts canonical equality with a golden file, and the same top-level key order. */
    static void assertMatches(String file, JsonNode actual) {
        if (updating()) {
            write(file, actual);
            return;
        }
        JsonNode expected = read(file);
        assertNotNull(expected, "missing golden " + RESOURCES + file
                + " (run with -Dgolden.update=true to create it, then review it)");
        String want = pretty(canonical(expected));
        String got = pretty(canonical(actual));
        if (!want.equals(got)) {
            fail("request differs from " + RESOURCES + file + " (- golden, + actual):\n"
                    + diff(want, got));
        }
        assertEquals(fieldNames(expected), fieldNames(actual),
                "top-level fields are not in construction order (" + file + ")");
    }

    /** Returns the pretty JSON text of a tree. */
    static String pretty(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a copy of a tree with every object's keys sorted. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = JSON.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        return node;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Returns a line diff (longest common subsequence) with 2 lines of context. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                lines.add("- " + a[i++]);
            } else {
                lines.add("+ " + b[j++]);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            boolean near = false;
            for (int d = -2; d <= 2 && !near; d++) {
                int n = k + d;
                near = n >= 0 && n < lines.size() && !lines.get(n).startsWith("  ");
            }
            if (near) {
                out.append(lines.get(k)).append('\n');
            }
        }
        return out.toString();
    }
}
