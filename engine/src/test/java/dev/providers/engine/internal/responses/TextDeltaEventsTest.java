package dev.providers.engine.internal.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-token fast path agrees with the JSON tree: what it accepts is an output_text delta
 * with the same indexes, item id and text (empty strings as absent, as the tree's reading has
 * them), and everything else is left to the tree.
 */
class TextDeltaEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String delta(String itemId, String output, String content, String text,
            String tail) {
        return "{\"type\":\"response.output_text.delta\",\"sequence_number\":17,\"item_id\":"
                + itemId + ",\"output_index\":" + output + ",\"content_index\":" + content
                + ",\"delta\":" + text + ",\"logprobs\":[]" + tail + "}";
    }

    private static final String OB = ",\"obfuscation\":\"x7Qd3\"";

    private static final List<String> ACCEPTED = List.of(
            delta("\"msg_1\"", "0", "0", "\"Hello\"", OB),
            delta("\"msg_1\"", "3", "12", "\"\"", ""),
            delta("\"\"", "0", "0", "\" tab\\there \\\"q\\\" \\u00e9\\ud83d\\ude00 \\n\"", OB),
            delta("\"msg_\u00e9\"", "1", "5000", "\"caf\u00e9 \ud83d\ude00\"", ""),
            " \n" + delta("\"m\"", "0", "0", "\"spaced around\"", OB) + "\r\n");

    private static final List<String> DECLINED = List.of(
            "{\"type\":\"response.refusal.delta\",\"sequence_number\":1,\"item_id\":\"m\","
                    + "\"output_index\":0,\"content_index\":0,\"delta\":\"no\",\"logprobs\":[]}",
            "{\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,"
                    + "\"content_index\":0,\"delta\":\"llama.cpp's order\"}",
            delta("\"m\"", "01", "0", "\"leading zero\"", ""),
            delta("\"m\"", "-1", "0", "\"negative\"", ""),
            delta("\"m\"", "0", "1234567890", "\"ten digits\"", ""),
            delta("null", "0", "0", "\"null id\"", ""),
            delta("\"m\"", "0", "0", "null", ""),
            delta("\"m\"", "0", "0", "\"bad \\x escape\"", ""),
            delta("\"m\"", "0", "0", "\"control \u0001\"", ""),
            delta("\"m\"", "0", "0", "\"x\"", ",\"obfuscation\":null"),
            delta("\"m\"", "0", "0", "\"x\"", ",\"extra\":1"),
            delta("\"m\"", "0", "0", "\"x\"", "") + "}",
            "{\"type\":\"response.completed\"}",
            "");

    private static byte[] padded(byte[] payload) {
        byte[] bytes = new byte[payload.length + 2];
        bytes[0] = ' ';
        System.arraycopy(payload, 0, bytes, 1, payload.length);
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    /** The fast path's reading, or null when it declined. */
    private static String fast(byte[] payload) {
        TextDeltaEvents events = new TextDeltaEvents();
        return events.match(padded(payload), 1, payload.length) ? events.outputIndex + "|"
                + events.contentIndex + "|" + events.itemId + "|" + events.delta : null;
    }

    /** The tree's reading, as the decoder takes it, or null when it is not such an event. */
    private static String tree(byte[] payload) {
        try {
            JsonNode event = MAPPER.readTree(payload);
            if (event == null || !"response.output_text.delta".equals(
                    ResponsesJson.string(event, "type"))) {
                return null;
            }
            JsonNode output = event.path("output_index");
            int outputIndex = output.canConvertToInt() && output.isIntegralNumber()
                    ? output.intValue() : -1;
            return outputIndex + "|" + ResponsesJson.index(event, "content_index") + "|"
                    + ResponsesJson.string(event, "item_id") + "|"
                    + ResponsesJson.string(event, "delta");
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void openAisShapeIsReadAsTheTreeReadsIt() {
        for (String payload : ACCEPTED) {
            String fast = fast(utf8(payload));
            assertFalse(fast == null, "declined: " + payload);
            assertEquals(tree(utf8(payload)), fast, payload);
        }
    }

    @Test
    void otherShapesAndInvalidStringsAreLeftToTheTree() {
        for (String payload : DECLINED) {
            assertNull(fast(utf8(payload)), payload);
        }
    }

    @Test
    void aRepeatedItemIdIsTheSameStringAndAChangeIsSeen() {
        TextDeltaEvents events = new TextDeltaEvents();
        byte[] first = padded(utf8(delta("\"msg_1\"", "0", "0", "\"a\"", OB)));
        assertTrue(events.match(first, 1, first.length - 2));
        String id = events.itemId;
        byte[] again = padded(utf8(delta("\"msg_1\"", "0", "0", "\"b\"", "")));
        assertTrue(events.match(again, 1, again.length - 2));
        assertSame(id, events.itemId);
        assertEquals("b", events.delta);
        byte[] other = padded(utf8(delta("\"msg_10\"", "1", "0", "\"c\"", "")));
        assertTrue(events.match(other, 1, other.length - 2));
        assertEquals("msg_10", events.itemId);
        byte[] escaped = padded(utf8(delta("\"msg\\u005f10\"", "1", "0", "\"d\"", "")));
        assertTrue(events.match(escaped, 1, escaped.length - 2));
        assertEquals("msg_10", events.itemId);
        byte[] shorter = padded(utf8(delta("\"msg_1\"", "0", "0", "\"e\"", "")));
        assertTrue(events.match(shorter, 1, shorter.length - 2));
        assertEquals("msg_1", events.itemId);
    }

    /** Random damage: whenever the fast path accepts, the tree reads the same fields. */
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
