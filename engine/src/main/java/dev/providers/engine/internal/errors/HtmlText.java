package dev.providers.engine.internal.errors;

import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reduces an HTML error page (a proxy's 502, a gateway's login page) to its visible text: no
 * head, scripts, styles, comments or tags, common entities decoded, whitespace collapsed. The
 * title stands in when the body has no text.
 *
 * <p>A linear scan rather than regular expressions, so an unclosed tag in a large page costs no
 * backtracking. Thread-safety: stateless.
 */
final class HtmlText {

    private static final String[] SKIPPED = {"head", "script", "style", "noscript", "template"};
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">",
            "quot", "\"", "apos", "'", "nbsp", " ", "copy", "©", "mdash", "—", "ndash", "–",
            "hellip", "…");

    private HtmlText() {
    }

    /** Returns the visible text of an HTML document on one line. */
    static String of(String html) {
        String text = visibleText(html);
        if (!text.isEmpty()) {
            return text;
        }
        int open = indexOfIgnoreCase(html, "<title", 0);
        int start = open < 0 ? -1 : html.indexOf('>', open);
        int end = start < 0 ? -1 : indexOfIgnoreCase(html, "</title", start);
        return end < 0 ? "" : visibleText(html.substring(start + 1, end));
    }

    private static String visibleText(String html) {
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 16));
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<' || i + 1 >= n || !startsMarkup(html.charAt(i + 1))) {
                out.append(c);
                i++;
                continue;
            }
            out.append(' ');
            i = skipMarkup(html, i);
        }
        return SPACE.matcher(decodeEntities(out)).replaceAll(" ").strip();
    }

    private static boolean startsMarkup(char next) {
        return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
    }

    /** Returns the index after the tag, comment or skipped element that starts at {@code i}. */
    private static int skipMarkup(String html, int i) {
        if (html.startsWith("<!--", i)) {
            int end = html.indexOf("-->", i + 4);
            return end < 0 ? html.length() : end + 3;
        }
        for (String name : SKIPPED) {
            if (isStartTag(html, i, name)) {
                int close = indexOfIgnoreCase(html, "</" + name, i);
                return close < 0 ? html.length() : afterTag(html, close);
            }
        }
        return afterTag(html, i);
    }

    private static boolean isStartTag(String html, int i, String name) {
        int after = i + 1 + name.length();
        if (!html.regionMatches(true, i + 1, name, 0, name.length())) {
            return false;
        }
        // "<header>" is not "<head>"
        return after >= html.length() || !Character.isLetterOrDigit(html.charAt(after));
    }

    private static int afterTag(String html, int i) {
        int end = html.indexOf('>', i);
        return end < 0 ? html.length() : end + 1;
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int i = from; i + needle.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes named entities from a short list and numeric ones; leaves others as written. */
    private static String decodeEntities(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int semicolon = c == '&' ? indexOf(text, ';', i + 1, Math.min(n, i + 12)) : -1;
            @Nullable String decoded =
                    semicolon < 0 ? null : entity(text.subSequence(i + 1, semicolon));
            if (decoded == null) {
                out.append(c);
            } else {
                out.append(decoded);
                i = semicolon;
            }
        }
        return out.toString();
    }

    private static @Nullable String entity(CharSequence name) {
        String key = name.toString();
        if (!key.startsWith("#")) {
            return ENTITIES.get(key);
        }
        try {
            boolean hex = key.length() > 1 && (key.charAt(1) == 'x' || key.charAt(1) == 'X');
            int code = Integer.parseInt(key.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(code) ? Character.toString(code) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int indexOf(CharSequence text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
