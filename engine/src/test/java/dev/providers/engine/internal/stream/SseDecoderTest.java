package dev.providers.engine.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SSE decoder on its own: literal wire text in, recorded handler calls out, for every way
 * the bytes can be split between reads and every kind of buffer a caller may hand over.
 */
class SseDecoderTest {

    /** Every framing rule at once: BOM, LF, CRLF, CR, comments, fields, multi-line, UTF-8. */
    private static final String TRICKY = "\uFEFFdata: one\r\n\r\n"
            + ": comment\r"
            + "event: message\nid: 7\nretry: 10\n"
            + "data:two\rdata: lines\r\r"
            + "data: こんにちは 🙈\n\n"
            + "data\n\n"
            + "datax: ignored\ndata: x\n\n"
            + "data:  two spaces\r\n\n"
            + "data: [DONE]\r\n"
            + "\n"
            + "data: after done\n\n";

    private static final List<String> TRICKY_CALLS = List.of("data[one]", "comment",
            "message:data[two\nlines]", "data[こんにちは 🙈]", "data[]", "data[x]",
            "data[ two spaces]", "data[[DONE]]", "data[after done]");

    /** Records the calls, checking the spare byte the handler contract promises. */
    private static final class Recorder implements SseDecoder.Handler {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onData(String event, byte[] bytes, int offset, int length) {
            byte spare = bytes[offset + length];
            assertTrue(spare == '\n' || spare == '\r' || spare == ' ' || spare == '\t',
                    "spare byte " + spare);
            calls.add((event == null ? "" : event + ":") + "data["
                    + new String(bytes, offset, length, StandardCharsets.UTF_8) + "]");
        }

        @Override
        public void onComment() {
            calls.add("comment");
        }

        @Override
        public void onTooLarge(int limit) {
            calls.add("too large " + limit);
        }
    }

    /** Feeds the reads to a decoder with a limit of {@code max} bytes and ends it. */
    private static List<String> decodeWithLimit(int max, String... reads) {
        Recorder recorder = new Recorder();
        SseDecoder decoder = new SseDecoder(recorder, max);
        for (String read : reads) {
            decoder.feed(ByteBuffer.wrap(utf8(read)));
        }
        decoder.end();
        return recorder.calls;
    }

    private static List<String> decode(byte[] bytes, int... cuts) {
        Recorder recorder = new Recorder();
        SseDecoder decoder = new SseDecoder(recorder);
        int from = 0;
        for (int cut : cuts) {
            decoder.feed(ByteBuffer.wrap(bytes, from, cut - from));
            from = cut;
        }
        decoder.feed(ByteBuffer.wrap(bytes, from, bytes.length - from));
        decoder.end();
        return recorder.calls;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyFramingRuleInOneRead() {
        assertEquals(TRICKY_CALLS, decode(utf8(TRICKY)));
    }

    @Test
    void everySplitIntoTwoAndThreeReadsGivesTheSameCalls() {
        byte[] bytes = utf8(TRICKY);
        for (int i = 0; i <= bytes.length; i++) {
            assertEquals(TRICKY_CALLS, decode(bytes, i), "split at " + i);
            for (int j = i; j <= bytes.length; j += 3) {
                assertEquals(TRICKY_CALLS, decode(bytes, i, j), "split at " + i + ", " + j);
            }
        }
    }

    @Test
    void aCrEndingOneReadAndAnLfStartingTheNextAreOneLineEnd() {
        byte[] bytes = utf8("data: a\r\ndata: b\r\n\r\n");
        // the LF after "a\r" must not count as the blank line that would dispatch "a" alone
        assertEquals(List.of("data[a\nb]"), decode(bytes, 8));
        assertEquals(List.of("data[a\nb]"), decode(bytes, 8, 9));
        assertEquals(List.of("data[a\nb]"), decode(bytes, 8, 8, 8, 9));
        // ... while two CRs are two line ends, also across reads
        assertEquals(List.of("data[a]", "data[b]"), decode(utf8("data: a\r\rdata: b\r\r"), 8));
    }

    @Test
    void slicedDirectAndReadOnlyBuffersDecodeAlike() {
        byte[] bytes = utf8(TRICKY);
        for (int size : new int[] {1, 7, 64, bytes.length}) {
            Recorder sliced = new Recorder();
            Recorder direct = new Recorder();
            Recorder readOnly = new Recorder();
            SseDecoder a = new SseDecoder(sliced);
            SseDecoder b = new SseDecoder(direct);
            SseDecoder c = new SseDecoder(readOnly);
            byte[] padded = new byte[bytes.length + 10];
            System.arraycopy(bytes, 0, padded, 5, bytes.length);
            for (int i = 0; i < bytes.length; i += size) {
                int n = Math.min(size, bytes.length - i);
                a.feed(ByteBuffer.wrap(padded, 5 + i, n).slice()); // arrayOffset() != 0
                ByteBuffer off = ByteBuffer.allocateDirect(n);
                off.put(bytes, i, n).flip();
                b.feed(off);
                c.feed(ByteBuffer.wrap(bytes, i, n).asReadOnlyBuffer());
            }
            a.end();
            b.end();
            c.end();
            assertEquals(TRICKY_CALLS, sliced.calls, "sliced, reads of " + size);
            assertEquals(TRICKY_CALLS, direct.calls, "direct, reads of " + size);
            assertEquals(TRICKY_CALLS, readOnly.calls, "read-only, reads of " + size);
        }
    }

    @Test
    void doneIsAnEventLikeAnyOtherHereAndEventNamesAreKept() {
        // what [DONE] means is the dialect's business; names apply to their own event only
        assertEquals(List.of("data[x]", "data[[DONE]]", "content_block_delta:data[{}]",
                "data[y]"), decode(utf8("data: x\n\ndata: [DONE]\n\nevent: ping\n\n"
                        + "event:content_block_delta\ndata: {}\n\ndata: y\n\n")));
    }

    @Test
    void linesAndEventsLongerThanAnyBufferSurviveManyReads() {
        String big = "é".repeat(5000) + "x".repeat(7001);
        String stream = "data: " + big + "\ndata: " + big + "\n\n: tail\n";
        byte[] bytes = utf8(stream);
        List<String> expected = List.of("data[" + big + "\n" + big + "]", "comment");
        assertEquals(expected, decode(bytes));
        assertEquals(expected, decode(bytes, 3, 4000, 4001, 9000, 20000));
    }

    @Test
    void theEndOfTheBodyDispatchesAnUnterminatedLastLine() {
        assertEquals(List.of("data[a]"), decode(utf8("data: a")));
        assertEquals(List.of("data[a]"), decode(utf8("data: a\n")));
        assertEquals(List.of("data[a\nb]"), decode(utf8("data: a\ndata: b"), 9));
        assertEquals(List.of("data[[DONE]]"), decode(utf8("data: [DONE]")));
    }

    @Test
    void aLineWithoutANewlineStopsAtTheLimitOnce() {
        String chunk = "x".repeat(10);
        assertEquals(List.of("too large 32"), decodeWithLimit(32, "data: " + chunk, chunk,
                chunk, chunk, chunk, "\n\ndata: later\n\n"));
    }

    @Test
    void anEventOfManyDataLinesStopsAtTheLimit() {
        String line = "data: " + "y".repeat(12) + "\n"; // three make 38 bytes with the joins
        assertEquals(List.of("too large 32"), decodeWithLimit(32, line + line + line + "\n"));
    }

    @Test
    void anEventSplitOverReadsStopsAtTheLimit() {
        String line = "data: " + "z".repeat(12) + "\n";
        assertEquals(List.of("too large 32"), decodeWithLimit(32, line, line, line, "\n"));
    }

    @Test
    void eventsUpToTheLimitPass() {
        String data = "w".repeat(32);
        assertEquals(List.of("data[" + data + "]", "data[" + data + "]"),
                decodeWithLimit(32, "data: " + data + "\n\n", "data: " + data.substring(0, 5),
                        data.substring(5) + "\n\n"));
    }

    @Test
    void aLongCommentIsBoundedToo() {
        assertEquals(List.of("too large 16"), decodeWithLimit(16, ": " + "p".repeat(40)));
    }
}
