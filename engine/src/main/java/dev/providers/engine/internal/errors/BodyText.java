package dev.providers.engine.internal.errors;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an error body and makes its text safe to show: a charset from the Content-Type,
 * replacement of undecodable bytes, and no control characters besides line breaks and tabs.
 *
 * <p>Thread-safety: stateless.
 */
final class BodyText {

    private BodyText() {
    }

    /** Returns the body decoded with the Content-Type's charset or UTF-8, never throwing. */
    static String decode(byte[] body, @Nullable String contentType) {
        // new String(bytes, charset) replaces malformed input instead of throwing
        String text = new String(body, charsetOf(contentType));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Returns whether the body is an HTML page, by its Content-Type or its first tag. */
    static boolean isHtml(String text, @Nullable String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        return text.regionMatches(true, 0, "<!doctype html", 0, 14)
                || text.regionMatches(true, 0, "<html", 0, 5);
    }

    /**
     * Returns {@code text} with line breaks normalised to {@code \n} and other control characters
     * removed, so that a body cannot recolour a terminal, move its cursor or hide text.
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static Charset charsetOf(@Nullable String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String name = pair[1].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    // a server's typo in the header should not cost the user the message
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
