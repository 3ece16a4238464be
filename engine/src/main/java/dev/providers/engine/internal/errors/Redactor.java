package dev.providers.engine.internal.errors;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes a request's secrets from text the engine shows: error messages built from what a
 * server sent back, which may echo a key whole or in part. Each value is replaced by
 * {@value #MASK} as it is, URL-encoded (both {@code +} and {@code %20} for spaces) and
 * JSON-escaped; for secrets proper (keys and environment values, not literal header values such
 * as a profile name, which may share words with a message) any run of characters that also
 * occurs in the secret is replaced too when it is at least half the secret long (but at least
 * {@value #MIN_PART} and at most {@value #MAX_PART} characters), so an echo of half a key is
 * caught while a word that a key happens to contain stays readable.
 *
 * <p>Secrets shorter than {@value #MIN_LENGTH} characters are not redacted: masking every
 * occurrence of a one- to three-character value would destroy messages, and such a value
 * protects nothing.
 *
 * <p>Thread-safety: immutable.
 */
public final class Redactor {

    /** What a secret is replaced by. */
    public static final String MASK = "***";
    /** The shortest secret that is redacted. */
    static final int MIN_LENGTH = 4;
    /** The shortest part of a secret that is redacted where it appears on its own. */
    static final int MIN_PART = 8;
    /** Parts this long are always redacted, however long the secret. */
    static final int MAX_PART = 12;

    /** Redacts nothing. */
    public static final Redactor NONE = new Redactor(List.of(), Set.of(), new int[0]);

    /** Every form of every secret, longest first so a longer form wins over its prefix. */
    private final List<String> forms;
    /** The substrings of each secret of its part length. */
    private final Set<String> parts;
    /** The distinct part lengths. */
    private final int[] partLengths;

    private Redactor(List<String> forms, Set<String> parts, int[] partLengths) {
        this.forms = forms;
        this.parts = parts;
        this.partLengths = partLengths;
    }

    /** Returns a redactor for these secret values; short and empty ones are ignored. */
    public static Redactor of(Collection<String> secrets) {
        return of(secrets, List.of());
    }

    /**
     * Returns a redactor for {@code secrets}, masked whole and in part, and {@code values},
     * masked whole only; short and empty ones are ignored.
     */
    public static Redactor of(Collection<String> secrets, Collection<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        Set<String> parts = new HashSet<>();
        Set<Integer> lengths = new java.util.TreeSet<>();
        for (String secret : secrets) {
            if (secret.length() >= MIN_LENGTH) {
                addForms(secret, forms);
                int part = Math.max(MIN_PART, Math.min(MAX_PART, secret.length() / 2));
                for (int i = 0; i + part <= secret.length(); i++) {
                    parts.add(secret.substring(i, i + part));
                    lengths.add(part);
                }
            }
        }
        for (String value : values) {
            if (value.length() >= MIN_LENGTH) {
                addForms(value, forms);
            }
        }
        if (forms.isEmpty()) {
            return NONE;
        }
        List<String> ordered = new ArrayList<>(forms);
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(ordered), Set.copyOf(parts),
                lengths.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void addForms(String value, Set<String> forms) {
        forms.add(value);
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(encoded);
        forms.add(encoded.replace("+", "%20"));
        forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(value)));
    }

    /** Returns whether this redactor knows no secret. */
    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /** Returns {@code text} with every form and every long enough part of a secret masked. */
    public String redact(String text) {
        if (forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : forms) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        return parts.isEmpty() || out.length() < MIN_PART ? out : maskParts(out);
    }

    /** Masks every run of characters covered by windows that occur in a secret. */
    private String maskParts(String text) {
        boolean[] covered = null;
        for (int length : partLengths) {
            for (int i = 0; i + length <= text.length(); i++) {
                if (parts.contains(text.substring(i, i + length))) {
                    if (covered == null) {
                        covered = new boolean[text.length()];
                    }
                    for (int j = i; j < i + length; j++) {
                        covered[j] = true;
                    }
                }
            }
        }
        if (covered == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!covered[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !covered[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    /** Shows how many forms it knows, never a value. */
    @Override
    public String toString() {
        return "Redactor[" + forms.size() + " forms]";
    }
}
