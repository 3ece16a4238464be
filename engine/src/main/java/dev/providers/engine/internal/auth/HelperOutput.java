package dev.providers.engine.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a credential helper printed: the token alone on one line, or a JSON object with
 * {@code token} or {@code access_token} (also {@code accessToken}, as {@code az account
 * get-access-token} prints it) and optionally {@code expiresAt} (ISO-8601, or epoch seconds),
 * {@code expires_in} (seconds from now) or {@code expires_on} (epoch seconds). Without an expiry
 * the token lives for the provider's {@code ttl}.
 *
 * <p>Messages say what is wrong with the output, never what it holds.
 *
 * <p>Thread-safety: stateless.
 */
final class HelperOutput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOKEN_FIELDS = List.of("token", "access_token",
            "accessToken");
    /** String values at least this long in a helper's JSON are treated as secrets. */
    private static final int SECRET_LENGTH = 16;

    /** The token and the other values of the output that may be secrets. */
    record Parsed(Token token, List<String> secrets) { }

    private HelperOutput() { }

    /**
     * Parses a helper's output.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Parsed parse(String stdout, Instant now, Duration ttl) {
        String text = stdout.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("printed nothing on stdout");
        }
        if (!text.startsWith("{")) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isWhitespace(text.charAt(i)) || Character.isISOControl(
                        text.charAt(i))) {
                    throw new IllegalArgumentException("printed more than one word; a helper "
                            + "prints the token alone, or a JSON object with token and "
                            + "expiresAt");
                }
            }
            return new Parsed(new Token(text, now, now.plus(ttl), null), List.of(text));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("printed a JSON object that does not parse");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("printed JSON that is not an object");
        }
        String token = null;
        for (String field : TOKEN_FIELDS) {
            JsonNode value = root.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                token = value.asText().strip();
                break;
            }
        }
        if (token == null) {
            throw new IllegalArgumentException("printed a JSON object without token or "
                    + "access_token");
        }
        Instant expires = expiry(root, now);
        List<String> secrets = new ArrayList<>();
        secrets.add(text);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (value.isTextual() && value.asText().length() >= SECRET_LENGTH) {
                secrets.add(value.asText());
            }
        }
        return new Parsed(new Token(token, now, expires != null ? expires : now.plus(ttl),
                null), secrets);
    }

    private static @Nullable Instant expiry(JsonNode root, Instant now) {
        JsonNode at = root.get("expiresAt");
        if (at != null && at.isTextual()) {
            try {
                return Instant.parse(at.asText().strip());
            } catch (DateTimeParseException e) {
                BigDecimal seconds = number(at);
                if (seconds == null) {
                    throw new IllegalArgumentException("printed an expiresAt that is neither "
                            + "ISO-8601 (2030-01-01T00:00:00Z) nor epoch seconds");
                }
                return epoch(seconds);
            }
        }
        if (at != null && at.isNumber()) {
            return epoch(at.decimalValue());
        }
        JsonNode on = root.get("expires_on");
        BigDecimal onSeconds = on == null ? null : number(on);
        if (onSeconds != null) {
            return epoch(onSeconds);
        }
        JsonNode in = root.get("expires_in");
        BigDecimal inSeconds = in == null ? null : number(in);
        if (inSeconds != null) {
            return now.plus(seconds(inSeconds));
        }
        return null;
    }

    private static @Nullable BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = node.asText().strip();
        return text.matches("[0-9]{1,15}(\\.[0-9]{1,9})?") ? new BigDecimal(text) : null;
    }

    private static Instant epoch(BigDecimal seconds) {
        return Instant.EPOCH.plus(seconds(seconds));
    }

    private static Duration seconds(BigDecimal seconds) {
        BigDecimal bounded = seconds.max(BigDecimal.ZERO).min(BigDecimal.valueOf(1L << 40));
        return Duration.ofMillis(bounded.movePointRight(3).longValue());
    }
}
