package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path agrees with Jackson: every payload it accepts decodes to the same chunk, and
 * everything else (invalid JSON included) it leaves to Jackson.
 */
class ChunkScannerTest {

    private static final String HEAD = "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733000000,\"model\":\"gpt-4o-mini\",\"service_tier\":\"default\","
            + "\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[{\"index\":0,\"delta\":";
    private static final String TAIL = ",\"logprobs\":null,\"finish_reason\":null}],"
            + "\"usage\":null}";

    /** Payloads of the common shape, which the fast path must decode itself. */
    private static final List<String> COMMON = List.of(
            HEAD + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}" + TAIL,
            HEAD + "{\"content\":\"Hello, world\"}" + TAIL,
            HEAD + "{\"content\":\"tab\\there \\\"quoted\\\" \\\\ \\/ \\b\\f\\r\\n end\"}" + TAIL,
            HEAD + "{\"content\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00 \\u00e9\\ud83d\\ude00\"}"
                    + TAIL,
            HEAD + "{\"content\":\"lone \\ud800 surrogate\"}" + TAIL,
            HEAD + "{\"reasoning_content\":\"think\",\"reasoning\":\"again\"}" + TAIL,
            HEAD + "{\"reasoning_text\":null,\"content\":null}" + TAIL,
            HEAD + "{}" + ",\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":-0.25e-3,"
                    + "\"bytes\":[97],\"top_logprobs\":[]}]},\"finish_reason\":\"stop\"}]}",
            "{\"id\":\"x\",\"choices\":[{\"delta\":null,\"finish_reason\":\"length\"}]}",
            "{\"choices\":[{\"message\":{\"content\":\"whole\"}},{\"delta\":{\"content\":\"no\"}}]}",
            "{\"choices\":[null,{\"delta\":{\"content\":\"second is skipped\"}}]}",
            "{\"choices\":[],\"usage\":null,\"x_groq\":{},\"error\":null}".replace("{}", "null"),
            "{\"choices\":{\"not\":\"an array\"},\"prompt_filter_results\":[{\"content_filter_results"
                    + "\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}",
            " \t{ \"id\" : \"a\" , \"choices\" : [ { \"delta\" : { \"content\" : \"x\" } } ] }\r\n",
            "{\"id\":\"a\",\"id\":\"b\",\"model\":\"m\",\"obfuscation\":\"Zx\",\"n\":[1.5,-0,2E+10,"
                    + "true,false,null,{}]}",
            "{\"id\":\"chatcmpl-7\",\"choices\":[],\"usage\":{\"prompt_tokens\":19,"
                    + "\"completion_tokens\":200000,\"total_tokens\":200019,\"prompt_tokens_details\":"
                    + "{\"cached_tokens\":3,\"audio_tokens\":0,\"cache_write_tokens\":2},"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":7,\"audio_tokens\":0}}}",
            "{\"choices\":[{\"delta\":{},\"usage\":{\"prompt_tokens\":-1,\"cached_tokens\":5,"
                    + "\"prompt_cache_hit_tokens\":null,\"completion_tokens\":\"x\","
                    + "\"prompt_tokens_details\":null,\"completion_tokens_details\":[1]}}],"
                    + "\"usage\":\"none\"}",
            "{}");

    /** Payloads the fast path must leave to Jackson (valid or not). */
    private static final List<String> DECLINED = List.of(
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":3.5,\"completion_tokens\":4}}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":1e3}}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":1234567890123456789}}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\"}]}}]}",
            "{\"choices\":[{\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"a\"}]}}]}",
            "{\"choices\":[{\"delta\":{\"content\":5}}]}",
            "{\"error\":{\"message\":\"boom\"}}",
            "{\"error\":\"boom\"}",
            "{\"x_groq\":{\"usage\":{\"prompt_tokens\":1}}}",
            "{\"choices\":[{\"delta\":{\"con\\u0074ent\":\"escaped name\"}}]}",
            "[1,2]",
            "\"text\"",
            "",
            "{\"choices\":[}",
            "{} {}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":tru}",
            "{\"a\":nullx}",
            "{\"a\":\"unterminated}",
            "{\"a\":\"bad \\x escape\"}",
            "{\"a\":\"bad \\u12g4\"}",
            "{\"a\":\"control \u0001 char\"}",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{'a':1}",
            "{\"a\":1}/*c*/",
            "{\"a\":[1 2]}");

    private static byte[] padded(byte[] payload) {
        byte[] bytes = new byte[payload.length + 2];
        bytes[0] = ' ';
        System.arraycopy(payload, 0, bytes, 1, payload.length);
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    /** Everything the decoder reads from a chunk, as text. */
    private static String describe(Chunk c) {
        return "id=" + c.id + " model=" + c.model + " choice=" + c.hasChoice + " content="
                + c.content + " thinking=" + c.contentThinking + " reasoning="
                + Arrays.toString(c.reasoning) + " tools=" + c.toolCount + " signatures="
                + c.signatures.size() + " finish=" + c.finishReason + " usage="
                + usage(c, Chunk.TOP) + usage(c, Chunk.CHOICE) + usage(c, Chunk.GROQ) + " error="
                + c.hasError + "/" + c.errorMessage;
    }

    private static String usage(Chunk c, int where) {
        Chunk.RawUsage u = c.usage(where);
        return !u.present ? "[]" : "[" + u.prompt + "," + u.completion + "," + u.total + ","
                + u.cached + "," + u.cacheWrite + "," + u.reasoning + "," + u.promptCacheHit + ","
                + u.topLevelCached + "]";
    }

    /** The fast path's chunk, or null when it declined. */
    private static String scanned(byte[] payload) {
        Chunk chunk = new Chunk();
        byte[] bytes = padded(payload);
        return new ChunkScanner().scan(bytes, 1, payload.length, chunk, null, null)
                ? describe(chunk) : null;
    }

    /** Jackson's chunk, or null when the payload is invalid or not an object. */
    private static String jackson(byte[] payload) {
        Chunk chunk = new Chunk();
        byte[] bytes = padded(payload);
        try {
            return new ChunkParser().parseWithJackson(bytes, 1, payload.length, chunk)
                    ? describe(chunk) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theCommonShapeIsDecodedByTheFastPathExactlyAsJacksonDecodesIt() {
        for (String payload : COMMON) {
            String fast = scanned(utf8(payload));
            assertTrue(fast != null, "declined: " + payload);
            assertEquals(jackson(utf8(payload)), fast, payload);
        }
    }

    @Test
    void whatTheFastPathDoesNotDecodeIsLeftToJackson() {
        for (String payload : DECLINED) {
            assertEquals(null, scanned(utf8(payload)), payload);
        }
        // malformed UTF-8 inside a skipped or a decoded string
        byte[][] badUtf8 = {
            {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0x80}};
        for (byte[] bad : badUtf8) {
            for (String field : List.of("service_tier", "id")) {
                byte[] head = utf8("{\"" + field + "\":\"a");
                byte[] tail = utf8("b\",\"choices\":[]}");
                byte[] payload = new byte[head.length + bad.length + tail.length];
                System.arraycopy(head, 0, payload, 0, head.length);
                System.arraycopy(bad, 0, payload, head.length, bad.length);
                System.arraycopy(tail, 0, payload, head.length + bad.length, tail.length);
                assertEquals(null, scanned(payload), field + " " + Arrays.toString(bad));
            }
        }
    }

    @Test
    void theParserUsesTheFastPathAndFallsBackWithTheSameResults() throws IOException {
        ChunkParser parser = new ChunkParser();
        Chunk chunk = new Chunk();
        byte[] first = padded(utf8(COMMON.get(1)));
        assertTrue(parser.parse(first, 1, first.length - 2, chunk));
        String id = chunk.id;
        byte[] usage = padded(utf8("{\"id\":\"chatcmpl-7\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4.0,\"total_tokens\":7}}"));
        assertTrue(parser.parse(usage, 1, usage.length - 2, chunk));
        assertSame(id, chunk.id, "the repeated id is shared across both paths (Jackson's here)");
        assertEquals(3, chunk.effectiveUsage().prompt);
        byte[] again = padded(utf8(COMMON.get(2)));
        assertTrue(parser.parse(again, 1, again.length - 2, chunk));
        assertSame(id, chunk.id);
        assertEquals("tab\there \"quoted\" \\ / \b\f\r\n end", chunk.content);
    }

    /**
     * Random damage to real payloads: whenever the fast path accepts the result, Jackson accepts
     * it too, with the same chunk; whenever Jackson rejects it, the fast path has declined.
     */
    @Test
    void damagedPayloadsNeverMakeTheFastPathDisagreeWithJackson() {
        Random random = new Random(17);
        byte[] alphabet = utf8("{}[]:,\"\\ nulltrfe0123456789.-+eEu\t\n\u00e9");
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] payload = utf8(COMMON.get(random.nextInt(COMMON.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && payload.length > 1; e++) {
                int at = random.nextInt(payload.length);
                byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256)
                        : alphabet[random.nextInt(alphabet.length)];
                switch (random.nextInt(3)) {
                    case 0 -> payload[at] = b;
                    case 1 -> {
                        byte[] longer = new byte[payload.length + 1];
                        System.arraycopy(payload, 0, longer, 0, at);
                        longer[at] = b;
                        System.arraycopy(payload, at, longer, at + 1, payload.length - at);
                        payload = longer;
                    }
                    default -> {
                        byte[] shorter = new byte[payload.length - 1];
                        System.arraycopy(payload, 0, shorter, 0, at);
                        System.arraycopy(payload, at + 1, shorter, at, payload.length - at - 1);
                        payload = shorter;
                    }
                }
            }
            String fast = scanned(payload);
            if (fast != null) {
                accepted++;
                assertEquals(jackson(payload), fast,
                        new String(payload, StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(accepted < 1_000, "the damage left too few valid payloads: " + accepted);
    }

    /**
     * Token after token, as servers stream: one scanner reads each payload from the previous
     * one's template where it can. Clean tokens (escapes, UTF-8, reasoning fields) and damaged
     * ones (anywhere: before, inside and after the text) decode exactly as Jackson decodes them,
     * and a damaged payload Jackson rejects is never accepted.
     */
    @Test
    void tokensReadFromTheTemplateDecodeExactlyAsJacksonDecodesThem() {
        Random random = new Random(29);
        String[] pieces = {"a", "Hello", " ", "\\\"", "\\n", "\\u00e9", "caf\u00e9", "\ud83d\ude00",
                "\\ud83d\\ude00", "\\/", "x y z"};
        String[] fields = {"content", "content", "content", "reasoning_content"};
        ChunkScanner scanner = new ChunkScanner();
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            String field = fields[random.nextInt(fields.length)];
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(4); i >= 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] payload = utf8(HEAD + "{\"" + field + "\":\"" + text + "\"}" + TAIL);
            if (random.nextInt(3) == 0) {
                int at = random.nextInt(payload.length);
                payload = payload.clone();
                String damage = "{}[]:,\"\\ nul0-e\u00e9";
                payload[at] = (byte) damage.charAt(random.nextInt(damage.length()));
            }
            Chunk chunk = new Chunk();
            byte[] bytes = padded(payload);
            String fast = scanner.scan(bytes, 1, payload.length, chunk, null, null)
                    ? describe(chunk) : null;
            if (fast != null) {
                accepted++;
                assertEquals(jackson(payload), fast,
                        new String(payload, StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(accepted > 10_000, "accepted " + accepted);
        assertTrue(scanner.repeats() > 5_000, "read from the template: " + scanner.repeats());
    }
}
