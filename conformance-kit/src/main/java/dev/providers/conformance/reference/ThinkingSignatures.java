package dev.providers.conformance.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The reference server's thinking signatures and redacted-thinking data: derived from the
 * thinking text alone, so that the server can check a replayed block without remembering it,
 * as Anthropic checks that a replayed block is one its model wrote.
 */
final class ThinkingSignatures {

    private static final String SIGNATURE = "reference-thinking-signature:";
    private static final String REDACTED = "reference-redacted-thinking:";

    private ThinkingSignatures() { }

    /** Returns the signature of a thinking text (44 base64 characters). */
    static String sign(String thinking) {
        return Base64.getEncoder().encodeToString(sha256(SIGNATURE + thinking));
    }

    /** Returns whether {@code signature} is the one {@link #sign} gives for the text. */
    static boolean verify(String thinking, String signature) {
        return MessageDigest.isEqual(sign(thinking).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the opaque data of a redacted block that follows this thinking. */
    static String redact(String thinking) {
        String plain = REDACTED + HexFormat.of().formatHex(sha256(thinking));
        return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns whether {@code data} is redacted data this server wrote. */
    static boolean isRedactedData(String data) {
        try {
            String plain = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
            return plain.startsWith(REDACTED) && plain.length() == REDACTED.length() + 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
