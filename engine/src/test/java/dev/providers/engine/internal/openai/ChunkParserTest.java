package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The chunk parser's own contract: what it reuses between payloads and how it recovers. */
class ChunkParserTest {

    private static boolean parse(ChunkParser parser, String json, Chunk chunk)
            throws IOException {
        byte[] bytes = (" " + json + "\n ").getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 1, bytes.length - 3, chunk); // offset and spare byte
    }

    @Test
    void aRepeatedIdOrModelIsTheSameStringAndAChangeIsSeen() throws IOException {
        ChunkParser parser = new ChunkParser();
        Chunk chunk = new Chunk();
        parse(parser, "{\"id\":\"chatcmpl-1\",\"model\":\"m-1\",\"choices\":[]}", chunk);
        String id = chunk.id;
        String model = chunk.model;
        parser.close(); // the reuse spans network reads
        parse(parser, "{\"id\":\"chatcmpl-1\",\"model\":\"m-1\",\"choices\":[]}", chunk);
        assertSame(id, chunk.id);
        assertSame(model, chunk.model);
        parse(parser, "{\"id\":\"chatcmpl-2\",\"model\":\"m-10\",\"choices\":[]}", chunk);
        assertEquals("chatcmpl-2", chunk.id);
        assertEquals("m-10", chunk.model);
        parse(parser, "{\"id\":null,\"choices\":[]}", chunk);
        assertNull(chunk.id);
        assertNull(chunk.model, "reset between payloads");
        parse(parser, "{\"id\":\"chatcmpl-2\",\"choices\":[]}", chunk);
        assertEquals("chatcmpl-2", chunk.id);
    }

    @Test
    void afterInvalidJsonTheNextPayloadGetsAFreshParser() throws IOException {
        ChunkParser parser = new ChunkParser();
        Chunk chunk = new Chunk();
        assertThrows(IOException.class, () -> parse(parser, "{\"choices\":[}", chunk));
        assertThrows(IOException.class, () -> parse(parser, "{} {}", chunk));
        assertTrue(parse(parser, "{\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}", chunk));
        assertEquals("ok", chunk.content);
    }

    @Test
    void usageIsReadWhereverItIsAndOnlyWhenPresent() throws IOException {
        ChunkParser parser = new ChunkParser();
        Chunk chunk = new Chunk();
        parse(parser, "{\"choices\":[],\"usage\":null}", chunk);
        assertNull(chunk.effectiveUsage());
        parse(parser, "{\"choices\":[{\"usage\":{\"prompt_tokens\":3}}],"
                + "\"x_groq\":{\"usage\":{\"prompt_tokens\":4}}}", chunk);
        assertEquals(3, chunk.effectiveUsage().prompt, "the choice's before x_groq");
        parse(parser, "{\"x_groq\":{\"usage\":{\"prompt_tokens\":4}}}", chunk);
        assertEquals(4, chunk.effectiveUsage().prompt, "an earlier chunk's usage is reset");
    }
}
