package dev.providers.engine.internal.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-token fast path agrees with the JSON tree: what it accepts is a text_delta with the same
 * index and text, and everything else is left to the tree.
 */
class TextDeltasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String delta(String index, String text) {
        return "{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + text + "}}";
    }

    private static final List<String> ACCEPTED = List.of(
            delta("0", "\"Hello\""),
            delta("12", "\"\""),
            delta("3", "\" tab\\there \\\"q\\\" \\\\ \\/ \\u00e9\\ud83d\\ude00 \\n\""),
            delta("0", "\"caf\u00e9 \u65e5\u672c \ud83d\ude00\""),
            " \n" + delta("1", "\"spaced around\"") + "\r\n");

    private static final List<String> DECLINED = List.of(
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\","
                    + "\"thinking\":\"x\"}}",
            "{\"index\":0,\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\","
                    + "\"text\":\"reordered\"}}",
            "{\"type\": \"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                    + "\"text\":\"spaced\"}}",
            delta("01", "\"leading zero\""),
            delta("-1", "\"negative\""),
            delta("1234567890", "\"ten digits\""),
            delta("0", "null"),
            delta("0", "\"bad \\x escape\""),
            delta("0", "\"control \u0001\""),
            delta("0", "\"unterminated"),
            delta("0", "\"x\"") + "}",
            delta("0", "\"x\"") + " {}",
            "{\"type\":\"message_stop\"}",
            "");

    private static byte[] padded(byte[] payload) {
        byte[] bytes = new byte[payload.length + 2];
        bytes[0] = ' ';
        System.arraycopy(payload, 0, bytes, 1, payload.length);
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    /** The fast path's reading, "index|text", or null when it declined. */
    private static String fast(byte[] payload) {
        TextDeltas deltas = new TextDeltas();
        String text = deltas.match(padded(payload), 1, payload.length);
        return text == null ? null : deltas.index + "|" + text;
    }

    /** The tree's reading of a text_delta, or null when it is not one or not valid JSON. */
    private static String tree(byte[] payload) {
        try {
            JsonNode data = MAPPER.readTree(payload);
            if (data == null || !"content_block_delta".equals(data.path("type").asText())
                    || !"text_delta".equals(data.path("delta").path("type").asText())) {
                return null;
            }
            return data.path("index").asInt(-1) + "|" + data.path("delta").path("text").asText("");
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anthropicsShapeIsReadAsTheTreeReadsIt() {
        for (String payload : ACCEPTED) {
            String fast = fast(utf8(payload));
            assertFalse(fast == null, "declined: " + payload);
            assertEquals(tree(utf8(payload)), fast, payload);
        }
    }

    @Test
    void otherShapesAndInvalidTextAreLeftToTheTree() {
        for (String payload : DECLINED) {
            assertNull(fast(utf8(payload)), payload);
        }
        byte[] head = utf8(delta("0", "\"a"));
        byte[] payload = new byte[head.length + 6];
        System.arraycopy(head, 0, payload, 0, head.length - 3); // cut `a"}}`, then bad UTF-8
        payload[head.length - 3] = (byte) 0xED; // a UTF-8 surrogate: not well-formed
        payload[head.length - 2] = (byte) 0xA0;
        payload[head.length - 1] = (byte) 0x80;
        System.arraycopy(utf8("\"}}   "), 0, payload, head.length, 6);
        assertNull(fast(payload));
    }

    /** Random damage: whenever the fast path accepts, the tree reads the same index and text. */
    @Test
    void damagedEventsNeverMakeTheFastPathDisagreeWithTheTree() {
        Random random = new Random(17);
        byte[] alphabet = utf8("{}[]:,\"\\ nul0123456789.-eu\t\n\u00e9");
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] payload = utf8(ACCEPTED.get(random.nextInt(ACCEPTED.size())));
            int at = random.nextInt(payload.length);
            byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256)
                    : alphabet[random.nextInt(alphabet.length)];
            if (random.nextBoolean()) {
                payload[at] = b;
            } else {
                byte[] shorter = new byte[payload.length - 1];
                System.arraycopy(payload, 0, shorter, 0, at);
                System.arraycopy(payload, at + 1, shorter, at, payload.length - at - 1);
                payload = shorter;
            }
            String fast = fast(payload);
            if (fast != null) {
                accepted++;
                assertEquals(tree(payload), fast, new String(payload, StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(accepted < 500, "the damage left too few events of the shape: " + accepted);
    }
}
