package dev.providers.conformance.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The long answers: lists of first names and poems. They are deterministic and long enough
 * (thousands of characters, hundreds of chunks) for a client to cancel in the middle.
 */
final class LongTexts {

    /** The most items a list or poem gets, whatever was asked. */
    static final int MAX_ITEMS = 500;

    /** From this many names on, each name gets a line with its origin and meaning. */
    static final int DETAILED_FROM = 20;

    private static final List<String[]> NAMES = load("names.txt");

    private static final String[] TIMES = {"morning", "evening", "twilight", "noon", "dawn",
        "midnight", "autumn"};
    private static final String[] PLACES = {"river", "forest", "meadow", "mountain", "ocean",
        "willow", "valley", "heron", "fern", "stone", "cloud"};
    private static final String[] VERBS = {"whispers", "glimmers", "wanders", "dreams", "sings",
        "rests", "glows"};
    private static final String[] SENSES = {"scent", "hush", "song", "gleam", "breath"};
    private static final String[] THINGS = {"pine", "rain", "moss", "snow", "clover", "sea"};
    private static final String[] SMALL = {"every leaf", "the sparrow", "the wild rose",
        "each pebble", "the honeybee"};

    private LongTexts() { }

    /** Returns a list of {@code count} first names (capped at {@value #MAX_ITEMS}). */
    static String names(int count) {
        int n = Math.max(1, Math.min(count, MAX_ITEMS));
        if (n < DETAILED_FROM) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add(name(i));
            }
            String list = n == 1 ? names.get(0) : String.join(", ", names.subList(0, n - 1))
                    + " and " + names.get(n - 1);
            return "Here " + (n == 1 ? "is 1 name: " : "are " + n + " names: ") + list + ".";
        }
        StringBuilder out = new StringBuilder("Here are ").append(n).append(" first names:\n\n");
        for (int i = 0; i < n; i++) {
            String[] entry = NAMES.get(i % NAMES.size());
            out.append(i + 1).append(". ").append(name(i)).append(": a name of ")
                    .append(entry[1]).append(" origin meaning \"").append(entry[2])
                    .append("\".\n");
        }
        return out.toString().strip();
    }

    /** Returns a poem of {@code stanzas} four-line stanzas about {@code topic}. */
    static String poem(int stanzas, String topic) {
        int n = Math.max(1, Math.min(stanzas, MAX_ITEMS));
        StringBuilder out = new StringBuilder("Ode to ").append(topic).append("\n\n");
        for (int i = 0; i < n; i++) {
            String place = PLACES[(i * 3) % PLACES.length];
            String other = PLACES[(i * 5 + 2) % PLACES.length];
            out.append("In the ").append(TIMES[i % TIMES.length]).append(" light the ")
                    .append(place).append(' ').append(VERBS[(i * 2) % VERBS.length])
                    .append(" slow,\n");
            out.append("Where ").append(other).append("s lean and quiet waters flow;\n");
            out.append("The ").append(SENSES[i % SENSES.length]).append(" of ")
                    .append(THINGS[(i * 7) % THINGS.length]).append(" drifts across the land,\n");
            out.append("And ").append(SMALL[(i * 3) % SMALL.length])
                    .append(" rests gently in the ").append(TIMES[(i + 3) % TIMES.length])
                    .append("'s hand.\n\n");
        }
        return out.toString().strip();
    }

    /** Returns the i-th name; past the list, names get a second given name. */
    private static String name(int i) {
        String first = NAMES.get(i % NAMES.size())[0];
        int round = i / NAMES.size();
        return round == 0 ? first : first + " " + NAMES.get((i + round) % NAMES.size())[0];
    }

    private static List<String[]> load(String resource) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = LongTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.split("\\|", 3));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return List.copyOf(out);
    }
}
