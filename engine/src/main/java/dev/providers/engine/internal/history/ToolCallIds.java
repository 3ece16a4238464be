package dev.providers.engine.internal.history;

import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.spi.ToolCallIdFormat;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Normalises tool-call ids to the shape the server accepts
 * ({@code docs/dialects/openai-completions.md} §3.3
 * "Foreign tool-call ids" and the {@code toolCallIdFormat} flag), identically in
 * {@code tool_calls[].id} and {@code tool_call_id}.
 *
 * <p>Every id goes through the normaliser, own ones included: an id that already fits is
 * returned unchanged, and ids the engine synthesised for a server that sent none (stream rule
 * S14) are stamped with this model yet were never seen by the server. The rules, in order:
 * <ol>
 *   <li>each code point outside the charset becomes {@code _} (charset
 *       {@code alphanumeric-dash-underscore}, which also turns {@code <callId>|<itemId>} into
 *       {@code <callId>_<itemId>}) or is removed ({@code alphanumeric});
 *   <li>with {@code exactLength} n: an id of exactly n characters is kept; any other becomes its
 *       first {@code min(length, n - 8)} characters followed by hash characters up to n;
 *   <li>otherwise an empty id, or one longer than {@code maxLength} m, becomes its first
 *       {@code m - 9} characters + {@code _} + an 8-character hash ({@code m - 8} characters
 *       and no separator for {@code alphanumeric}).
 * </ol>
 * The hash is SHA-256 of the original id in base 36, so the result is deterministic. When two
 * different ids of one request would collide after step 1, the later one takes the hashed form.
 *
 * <p>Thread-safety: not thread-safe; one instance serves one request.
 */
final class ToolCallIds {

    /** The hash characters an id gets when it must be shortened. */
    static final int HASH_CHARS = 8;

    /** The base-36 digits of a 256-bit number, and how many of them each round uses. */
    private static final int HASH_DIGITS = 50;
    private static final int HASH_BLOCK = 40;

    private final ToolCallIdFormat format;
    private final Map<String, String> assigned = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();

    ToolCallIds(ToolCallIdFormat format) {
        this.format = format;
    }

    /** Returns the history with every call id and result id normalised. */
    List<Message> applyTo(List<Message> history) {
        List<Message> out = new ArrayList<>(history.size());
        for (Message message : history) {
            if (message instanceof AssistantMessage assistant) {
                out.add(renameCalls(assistant));
            } else if (message instanceof ToolResultMessage result) {
                out.add(new ToolResultMessage(normalise(result.toolCallId()), result.toolName(),
                        result.content(), result.isError(), result.addedTools(),
                        result.timestamp()));
            } else {
                out.add(message);
            }
        }
        return out;
    }

    /**
     * Returns the normalised form of an id; the same id always gets the same answer.
     *
     * <p>(ours) The {@code toolCallIdFormat} flag and the SHA-256 hash are this project's; pi-ai
     * truncates without a hash.
     */
    String normalise(String id) {
        String known = assigned.get(id);
        if (known != null) {
            return known;
        }
        String candidate = shape(id, false);
        String owner = owners.get(candidate);
        if (owner != null && !owner.equals(id)) {
            candidate = shape(id, true);
        }
        assigned.put(id, candidate);
        owners.putIfAbsent(candidate, id);
        return candidate;
    }

    private AssistantMessage renameCalls(AssistantMessage message) {
        List<AssistantContent> content = new ArrayList<>(message.content().size());
        for (AssistantContent block : message.content()) {
            if (block instanceof ToolCall call) {
                content.add(new ToolCall(normalise(call.id()), call.name(), call.arguments(),
                        call.thoughtSignature()));
            } else {
                content.add(block);
            }
        }
        return new AssistantMessage(content, message.api(), message.provider(), message.model(),
                message.responseModel(), message.responseId(), message.usage(),
                message.stopReason(), message.rawStopReason(), message.errorMessage(),
                message.errorKind(), message.timestamp());
    }

    private String shape(String id, boolean forceHash) {
        String clean = sanitise(id);
        Integer exact = format.exactLength();
        if (exact != null) {
            if (clean.length() == exact && !forceHash) {
                return clean;
            }
            String prefix = clean.substring(0, Math.min(clean.length(),
                    Math.max(0, exact - HASH_CHARS)));
            return prefix + hashChars(id, exact - prefix.length());
        }
        int max = format.maxLength();
        if (!clean.isEmpty() && clean.length() <= max && !forceHash) {
            return clean;
        }
        String separator = format.alphanumeric() ? "" : "_";
        int room = max - HASH_CHARS - separator.length();
        return clean.substring(0, Math.min(clean.length(), room)) + separator
                + hashChars(id, HASH_CHARS);
    }

    private String sanitise(String id) {
        StringBuilder out = new StringBuilder(id.length());
        id.codePoints().forEach(cp -> {
            boolean alnum = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
                    || (cp >= '0' && cp <= '9');
            if (alnum || (!format.alphanumeric() && (cp == '_' || cp == '-'))) {
                out.appendCodePoint(cp);
            } else if (!format.alphanumeric()) {
                out.append('_');
            }
        });
        return out.toString();
    }

    /** Returns {@code count} lowercase base-36 characters derived from SHA-256 of {@code id}. */
    static String hashChars(String id, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int round = 0; out.length() < count; round++) {
            String input = round == 0 ? id : id + "#" + round;
            String digits = new BigInteger(1, sha256(input)).toString(36);
            String padded = "0".repeat(HASH_DIGITS - digits.length()) + digits;
            // the leading digits of a 256-bit number in base 36 are not uniform; skip them
            out.append(padded, HASH_DIGITS - HASH_BLOCK, HASH_DIGITS);
        }
        return out.substring(0, count);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
