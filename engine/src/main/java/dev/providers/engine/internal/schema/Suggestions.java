package dev.providers.engine.internal.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" candidates for a misspelt key or value: the same word in another case or
 * spelling ({@code base_url}, {@code baseURL} for {@code baseUrl}) first, then close edit
 * distances.
 */
public final class Suggestions {

    private static final int MAX_SUGGESTIONS = 3;

    private Suggestions() { }

    /** Returns up to three candidates for {@code input}, best first. */
    public static List<String> forInput(String input, Collection<String> candidates) {
        String normalized = normalize(input);
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.equals(input)) {
                continue;
            }
            if (normalize(candidate).equals(normalized)) {
                scored.add(new Scored(candidate, 0));
                continue;
            }
            int distance = distance(input.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT));
            int limit = Math.max(2, Math.min(input.length(), candidate.length()) / 3);
            if (distance <= limit) {
                scored.add(new Scored(candidate, distance));
            } else if (normalized.length() >= 4 && normalize(candidate).contains(normalized)) {
                scored.add(new Scored(candidate, limit + 1));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::text));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < MAX_SUGGESTIONS; i++) {
            out.add(scored.get(i).text);
        }
        return out;
    }

    private static String normalize(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private record Scored(String text, int score) { }
}
