package dev.providers.engine.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Compat schemas as dialects hand them over: compiled once, bounded, never fetched from afar. */
class CompatSchemaTest {

    @Test
    void theFlagsAreThePropertiesInSchemaOrder() {
        CompatSchema schema = CompatSchema.compile("t", """
                {"type": "object", "properties": {
                  "b": {"type": "boolean", "default": true, "description": "B."},
                  "a": {"type": "string", "description": "A."}}}
                """);
        assertEquals(List.of("b", "a"), List.copyOf(schema.flags().keySet()));
        assertTrue(schema.hasSchema());
        assertTrue(schema.declares("a"));
        assertEquals(SchemaCatalog.ID_PREFIX + "compat-t.schema.json", schema.id());
    }

    @Test
    void aDialectWithoutSchemaHasNoFlags() {
        CompatSchema schema = CompatSchema.compile("t", null);
        assertFalse(schema.hasSchema());
        assertTrue(schema.flags().isEmpty());
    }

    @Test
    void theOpenAiSchemaKeepsItsOwnId() {
        CompatSchema schema = SchemaCatalog.get().compatSchema("openai-completions");
        assertEquals(SchemaCatalog.ID_PREFIX + SchemaCatalog.OPENAI_COMPAT_SCHEMA, schema.id());
        assertEquals(SchemaCatalog.get().compatFlags("openai-completions"), schema.flags());
    }

    @Test
    void unusableSchemasSayWhy() {
        assertEquals("is not a JSON object", assertThrows(IllegalArgumentException.class,
                () -> CompatSchema.compile("t", "[]")).getMessage());
        assertEquals("has 'properties' that is not an object", assertThrows(
                IllegalArgumentException.class,
                () -> CompatSchema.compile("t", "{\"properties\": []}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CompatSchema.compile("t", "{\"type\": ")).getMessage()
                .startsWith("is not JSON: "));
        assertEquals("cannot be compiled: Reference /$defs/nope cannot be resolved",
                assertThrows(IllegalArgumentException.class, () -> CompatSchema.compile("t",
                        "{\"properties\": {\"x\": {\"$ref\": \"#/$defs/nope\"}}}")).getMessage());
        assertEquals("is larger than 1 MiB", assertThrows(IllegalArgumentException.class,
                () -> CompatSchema.compile("t", " ".repeat(CompatSchema.MAX_CHARS + 1)))
                .getMessage());
        assertEquals("nests deeper than 64 levels", assertThrows(IllegalArgumentException.class,
                () -> CompatSchema.compile("t", "{\"a\": ".repeat(70) + "1"
                        + "}".repeat(70))).getMessage());
    }

    @Test
    void aReferenceToAnotherServerIsNeverFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String text = "{\"properties\": {\"x\": {\"$ref\": \"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/x.json\"}}}";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CompatSchema.compile("t", text));
            assertTrue(e.getMessage().startsWith("cannot be compiled: "), e.getMessage());
            assertEquals(0, requests.get());
        } finally {
            server.stop(0);
        }
    }
}
