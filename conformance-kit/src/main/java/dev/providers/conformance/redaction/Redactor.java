package dev.providers.conformance.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Replaces every secret value, and every form it takes when a server or a writer encodes it
 * (URL-encoded, percent-encoded, JSON-escaped, XML-escaped, and each of those twice), with
 * {@code ***}: the last line of defence that every writer of the kit passes its text through,
 * whatever the engine already masked. A secret inside a longer token is replaced too.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not redacted: no real credential
 * is that short, and masking every {@code "1"} or {@code "on"} (a header such as
 * {@code X-Debug: 1}) would garble every report. Every value of {@code apiKey}, {@code headers}
 * and {@code queryParams} counts as a secret, as the engine treats them.
 *
 * <p>A redactor may also hold live views of an engine ({@link #and(UnaryOperator)}), which mask
 * the tokens and other secrets the engine obtained at run time and no provider file names.
 *
 * <p>Thread-safety: immutable (its live views are thread-safe). {@link #toString()} never shows
 * a secret.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** The shortest value treated as a secret. */
    public static final int MIN_LENGTH = 4;

    private static final Redactor NONE = new Redactor(List.of(), List.of());

    /** The forms to replace, longest first so that a form is never cut by a shorter one. */
    private final List<String> forms;
    /**
     * Live views that mask what an engine obtained at run time (tokens it fetched), applied
     * after the forms; they learn secrets after this redactor was made.
     */
    private final List<UnaryOperator<String>> live;

    private Redactor(List<String> forms, List<UnaryOperator<String>> live) {
        this.forms = forms;
        this.live = live;
    }

    /** Returns a redactor that changes nothing. */
    public static Redactor none() {
        return NONE;
    }

    /** Returns a redactor for these secret values; blank and short values are ignored. */
    public static Redactor of(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret.strip().length() >= MIN_LENGTH) {
                forms.addAll(SecretForms.of(secret));
            }
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted.isEmpty() ? NONE : new Redactor(List.copyOf(sorted), List.of());
    }

    /** Returns a redactor for the secrets of both. */
    public Redactor and(Redactor other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Set<String> all = new LinkedHashSet<>(forms);
        all.addAll(other.forms);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<UnaryOperator<String>> views = new ArrayList<>(live);
        views.addAll(other.live);
        return new Redactor(List.copyOf(sorted), List.copyOf(views));
    }

    /**
     * Returns a redactor that also applies {@code view}, a live mask of secrets obtained at run
     * time (such as {@code ProviderEngine.redactor(id)}, which knows the tokens the engine
     * fetched, also after this call).
     */
    public Redactor and(UnaryOperator<String> view) {
        List<UnaryOperator<String>> views = new ArrayList<>(live);
        views.add(view);
        return new Redactor(forms, List.copyOf(views));
    }

    /** Returns whether there is nothing to redact. */
    public boolean isEmpty() {
        return forms.isEmpty() && live.isEmpty();
    }

    /** Returns the text with every form of every secret replaced by {@value #MASK}. */
    public String redact(String text) {
        String out = text;
        for (String form : forms) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        for (UnaryOperator<String> view : live) {
            out = view.apply(out);
        }
        return out;
    }

    /** Returns {@link #redact(String)} of the text, or null for null. */
    public @Nullable String redactNullable(@Nullable String text) {
        return text == null ? null : redact(text);
    }

    /** Returns the texts redacted, in order. */
    public List<String> redact(List<String> texts) {
        if (isEmpty()) {
            return texts;
        }
        return texts.stream().map(this::redact).toList();
    }

    /** Returns whether the text holds a form of a secret (or a live view masks something). */
    public boolean finds(String text) {
        for (String form : forms) {
            if (text.contains(form)) {
                return true;
            }
        }
        for (UnaryOperator<String> view : live) {
            if (!view.apply(text).equals(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the length of the longest end of {@code text} that is the beginning of a secret's
     * form: what a streaming writer must hold back until more text shows whether it is one.
     */
    int pendingSuffix(CharSequence text) {
        int longest = 0;
        int length = text.length();
        if (length == 0) {
            return 0;
        }
        char last = text.charAt(length - 1);
        for (String form : forms) {
            for (int k = Math.min(form.length() - 1, length); k > longest; k--) {
                if (form.charAt(k - 1) == last && endsWith(text, form, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }

    private static boolean endsWith(CharSequence text, String form, int prefix) {
        int offset = text.length() - prefix;
        for (int i = 0; i < prefix; i++) {
            if (text.charAt(offset + i) != form.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Redactor[" + forms.size() + " forms" + (live.isEmpty() ? ""
                : ", " + live.size() + " live views") + "]";
    }
}
