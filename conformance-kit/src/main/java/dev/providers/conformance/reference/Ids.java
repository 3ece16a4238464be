package dev.providers.conformance.reference;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ids of one response. Tool-call ids are a function of the request body alone
 * ({@code call_} + 24 alphanumerics, or Mistral's 9 alphanumerics), so the same request always
 * gets the same calls; the completion id also takes the server's request counter, so no two
 * responses share one.
 */
final class Ids {

    private static final String ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final byte[] seed;
    private final long sequence;
    private final boolean mistral;

    /**
     * Returns the ids for a request.
     *
     * @param body the request body as received
     * @param sequence the server's count of requests so far
     * @param mistral whether tool-call ids are Mistral's 9 alphanumerics
     */
    Ids(byte[] body, long sequence, boolean mistral) {
        this.seed = digest(body);
        this.sequence = sequence;
        this.mistral = mistral;
    }

    /** Returns the id of the i-th tool call. */
    String toolCall(int i) {
        String chars = alphanumerics("call-" + i, 24);
        return mistral ? chars.substring(0, 9) : "call_" + chars;
    }

    /** Returns the completion id, e.g. {@code chatcmpl-…} (29 alphanumerics). */
    String completion(String prefix) {
        return prefix + alphanumerics("completion-" + sequence, 29);
    }

    private String alphanumerics(String purpose, int count) {
        byte[] input = (purpose + ":").getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[seed.length + input.length];
        System.arraycopy(input, 0, joined, 0, input.length);
        System.arraycopy(seed, 0, joined, input.length, seed.length);
        BigInteger number = new BigInteger(1, digest(joined));
        StringBuilder out = new StringBuilder(count);
        BigInteger base = BigInteger.valueOf(ALPHABET.length());
        for (int i = 0; i < count; i++) {
            BigInteger[] split = number.divideAndRemainder(base);
            out.append(ALPHABET.charAt(split[1].intValue()));
            number = split[0];
        }
        return out.toString();
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
