package dev.providers.engine.internal.errors;

import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a response ended because the prompt did not fit the model's context window
 * (docs/dialects/openai-completions.md §7.1): by the error message, by a silent overflow, or by a
 * length stop with no output.
 *
 * <p>The built-in patterns are data, read once from {@value #RESOURCE}; providers add theirs
 * with {@link #withExtraPatterns}. Patterns run on RE2/J, whose matching time is linear in the
 * text whatever the pattern, and a text is cut to {@value #MAX_TEXT} characters before it is
 * matched: a server's error text can never make a match take long.
 *
 * <p>Thread-safety: immutable.
 */
public final class OverflowDetector {

    /** The classpath resource holding the built-in patterns and exclusions. */
    static final String RESOURCE = "/dev/providers/engine/overflow-patterns.txt";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    /** The most of a message that is matched; error texts are cut to about this anyway. */
    static final int MAX_TEXT = 8 * 1024;

    private final List<Pattern> patterns;
    private final List<Pattern> exclusions;

    private OverflowDetector(List<Pattern> patterns, List<Pattern> exclusions) {
        this.patterns = List.copyOf(patterns);
        this.exclusions = List.copyOf(exclusions);
    }

    /** Returns the detector with the built-in patterns only. */
    public static OverflowDetector defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * Returns a detector that also matches {@code regexes} (RE2 syntax, case-insensitive).
     *
     * @throws com.google.re2j.PatternSyntaxException if one does not compile
     */
    public OverflowDetector withExtraPatterns(List<String> regexes) {
        if (regexes.isEmpty()) {
            return this;
        }
        List<Pattern> all = new ArrayList<>(patterns);
        for (String regex : regexes) {
            all.add(Pattern.compile(regex, FLAGS));
        }
        return new OverflowDetector(all, exclusions);
    }

    /** Returns whether an error message reports an overflow and matches no exclusion (rule 1). */
    public boolean matchesMessage(String errorMessage) {
        CharSequence text = errorMessage.length() <= MAX_TEXT ? errorMessage
                : errorMessage.subSequence(0, MAX_TEXT);
        for (Pattern exclusion : exclusions) {
            if (exclusion.matcher(text).find()) {
                return false;
            }
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether any of the three rules of §7.1 holds for a finished response. */
    public boolean isOverflow(StopReason reason, @Nullable String errorMessage, Usage usage,
            @Nullable Integer contextWindow) {
        return reason == StopReason.ERROR && errorMessage != null && matchesMessage(errorMessage)
                || silentOverflow(reason, usage.input(), usage.cacheRead(), contextWindow)
                || lengthStopOverflow(reason, usage.output(), usage.input(), usage.cacheRead(),
                        contextWindow);
    }

    /** Returns whether a normal stop reports more prompt tokens than the window holds (rule 2). */
    public static boolean silentOverflow(StopReason reason, long input, long cacheRead,
            @Nullable Integer contextWindow) {
        return reason == StopReason.STOP && known(contextWindow)
                && input + cacheRead > contextWindow;
    }

    /** Returns whether a length stop with no output had a prompt filling 99 % of the window. */
    public static boolean lengthStopOverflow(StopReason reason, long output, long input,
            long cacheRead, @Nullable Integer contextWindow) {
        // integer form of (input + cacheRead) >= 0.99 * window, so no rounding decides the edge
        return reason == StopReason.LENGTH && output == 0 && known(contextWindow)
                && (input + cacheRead) * 100 >= 99L * contextWindow;
    }

    List<Pattern> patterns() {
        return patterns;
    }

    List<Pattern> exclusions() {
        return exclusions;
    }

    // a window of 0 or less is a missing value written as a number, not a real window
    private static boolean known(@Nullable Integer contextWindow) {
        return contextWindow != null && contextWindow > 0;
    }

    /** Parses the pattern file format described at the top of the resource. */
    static OverflowDetector parse(BufferedReader reader) throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        List<Pattern> exclusions = new ArrayList<>();
        @Nullable List<Pattern> section = null;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.equals("[overflow]")) {
                section = patterns;
            } else if (text.equals("[exclusions]")) {
                section = exclusions;
            } else if (section == null) {
                throw new IllegalStateException("line " + lineNumber
                        + ": a pattern before [overflow] or [exclusions]");
            } else {
                section.add(Pattern.compile(text, FLAGS));
            }
        }
        return new OverflowDetector(patterns, exclusions);
    }

    // the holder idiom reads the resource once, on first use, without locking afterwards
    private static final class Defaults {
        static final OverflowDetector INSTANCE = load();

        private static OverflowDetector load() {
            InputStream in = OverflowDetector.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return parse(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
