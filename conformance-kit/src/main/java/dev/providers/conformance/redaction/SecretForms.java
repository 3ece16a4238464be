package dev.providers.conformance.redaction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The texts a secret can turn into on its way to an output: a server that echoes a query value
 * URL-encoded, an error body that quotes it as a JSON string, a JUnit XML attribute that escapes
 * it. Each encoding is applied once and then once more to each result (a JSON string holding a
 * URL-encoded key, an XML attribute holding a JSON-escaped one), so that a form two writers deep
 * is still found.
 *
 * <p>Thread-safety: stateless.
 */
final class SecretForms {

    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    /** How a secret is encoded by the writers and servers the kit has seen. */
    private static final List<UnaryOperator<String>> ENCODINGS = List.of(
            // application/x-www-form-urlencoded: what java.net.URLEncoder and forms write
            s -> URLEncoder.encode(s, StandardCharsets.UTF_8),
            // RFC 3986: every byte outside the unreserved set, in either case of hex digits
            s -> percent(s, UPPER),
            s -> percent(s, LOWER),
            // a JSON string as Jackson writes it; with "\/" as PHP does; with non-ASCII and
            // HTML characters as \\u escapes as Go, Python and Jackson's ASCII mode do
            s -> json(s, false, false, null),
            s -> json(s, true, false, null),
            s -> json(s, false, true, LOWER),
            s -> json(s, false, false, LOWER),
            s -> json(s, false, false, UPPER),
            // XML text and attributes as XMLStreamWriter writes them (JUnit XML), and HTML
            s -> xml(s, null, null),
            s -> xml(s, "&quot;", null),
            s -> xml(s, "&quot;", "&apos;"),
            s -> xml(s, "&quot;", "&#39;"));

    private SecretForms() { }

    /** Returns the secret itself and every encoded form of it, without duplicates. */
    static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        for (UnaryOperator<String> first : ENCODINGS) {
            String once = first.apply(secret);
            forms.add(once);
            for (UnaryOperator<String> second : ENCODINGS) {
                forms.add(second.apply(once));
            }
        }
        return forms;
    }

    private static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    static String percent(String s, char[] hex) {
        StringBuilder out = new StringBuilder(s.length() * 3);
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xff;
            if (unreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(hex[b >> 4]).append(hex[b & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Returns the JSON string body of {@code s}: quotes, backslashes and control characters
     * escaped; optionally {@code /}, the HTML characters {@code < > &} (as Go does) and, when
     * {@code nonAscii} is given, every non-ASCII character as a {@code \\u} escape in that case.
     */
    static String json(String s, boolean slash, boolean html, char @Nullable [] nonAscii) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '/' -> out.append(slash ? "\\/" : "/");
                default -> {
                    boolean escape = c < 0x20 || (html && (c == '<' || c == '>' || c == '&'))
                            || (nonAscii != null && c > 0x7e);
                    if (escape) {
                        char[] hex = nonAscii != null ? nonAscii : LOWER;
                        out.append("\\u").append(hex[c >> 12 & 0xf]).append(hex[c >> 8 & 0xf])
                                .append(hex[c >> 4 & 0xf]).append(hex[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Returns {@code s} with {@code & < >} escaped, and the quotes when a form is given. */
    static String xml(String s, @Nullable String quote, @Nullable String apostrophe) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&') {
                out.append("&amp;");
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '"' && quote != null) {
                out.append(quote);
            } else if (c == '\'' && apostrophe != null) {
                out.append(apostrophe);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
