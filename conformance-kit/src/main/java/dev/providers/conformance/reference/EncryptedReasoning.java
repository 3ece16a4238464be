package dev.providers.conformance.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The reference server's {@code encrypted_content} of a reasoning item: opaque to clients, and
 * checked when it comes back, so that a client that alters it, or replays one under another
 * item id, is refused as OpenAI refuses it. A tag over the item id and the text, then the text;
 * it needs no state, so any server of this kind opens what another sealed.
 *
 * <p>Thread-safety: stateless.
 */
final class EncryptedReasoning {

    private static final int TAG_BYTES = 12;
    private static final String KEY = "providers-reference-reasoning";

    private EncryptedReasoning() { }

    /** Returns the encrypted content of reasoning {@code text} in item {@code id}. */
    static String seal(String id, String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] tag = tag(id, plain);
        byte[] out = Arrays.copyOf(tag, TAG_BYTES + plain.length);
        System.arraycopy(plain, 0, out, TAG_BYTES, plain.length);
        return "gAAAAA" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** Returns the reasoning text sealed for item {@code id}, or null when it does not check. */
    static @Nullable String open(String id, String sealed) {
        if (!sealed.startsWith("gAAAAA")) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sealed.substring(6));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < TAG_BYTES) {
            return null;
        }
        byte[] plain = Arrays.copyOfRange(raw, TAG_BYTES, raw.length);
        return MessageDigest.isEqual(Arrays.copyOf(raw, TAG_BYTES), tag(id, plain))
                ? new String(plain, StandardCharsets.UTF_8) : null;
    }

    private static byte[] tag(String id, byte[] plain) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((KEY + "\u0000" + id + "\u0000").getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest.digest(plain), TAG_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
