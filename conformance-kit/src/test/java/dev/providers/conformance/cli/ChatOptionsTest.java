package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.RecordedRequest;
import dev.providers.conformance.reference.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat}'s sampling options reach the wire, and {@code --wire} shows the request with its
 * key masked and the response as the server sent it.
 */
class ChatOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-chat-options-Zq81";

    @TempDir
    Path dir;

    private ReferenceServer server;
    private Path providers;

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.start(Profile.OPENAI, KEY);
        providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("ref.yaml"), server.providerYaml()
                .replaceFirst("(?m)^id: .*$", "id: ref"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun chat(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "chat";
        all[1] = "--provider";
        all[2] = "ref";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.run(Map.of("PROVIDERS_DIR", providers.toString()), all);
    }

    private JsonNode lastBody() throws Exception {
        List<RecordedRequest> requests = server.requests();
        return JSON.readTree(requests.get(requests.size() - 1).body());
    }

    @Test
    void samplingOptionsAreSent() throws Exception {
        CliRun run = chat("--temperature", "0.25", "--top-p", "0.5", "--stop", "END",
                "--stop", "STOP", "--seed", "42", "--max-tokens", "64", "say", "hello");

        assertEquals(0, run.exitCode(), run::all);
        JsonNode body = lastBody();
        assertEquals(0.25, body.path("temperature").asDouble(), body::toString);
        assertEquals(0.5, body.path("top_p").asDouble(), body::toString);
        assertEquals("[\"END\",\"STOP\"]", body.path("stop").toString());
        assertEquals(42, body.path("seed").asLong(), body::toString);
    }

    @Test
    void responseFormatJsonAsksForAnObject() throws Exception {
        CliRun run = chat("--response-format", "json", "give", "me", "json");

        assertEquals(0, run.exitCode(), run::all);
        assertEquals("json_object", lastBody().path("response_format").path("type").asText());
    }

    @Test
    void responseFormatFileIsASchemaNamedAfterIt() throws Exception {
        Path schema = dir.resolve("city.schema.json");
        Files.writeString(schema, """
                {"type": "object", "properties": {"name": {"type": "string"}},
                 "required": ["name"]}
                """);

        CliRun run = chat("--response-format", schema.toString(), "a", "city");

        assertEquals(0, run.exitCode(), run::all);
        JsonNode format = lastBody().path("response_format");
        assertEquals("json_schema", format.path("type").asText(), format::toString);
        assertEquals("city", format.path("json_schema").path("name").asText());
        assertEquals("[\"name\"]", format.path("json_schema").path("schema").path("required")
                .toString());
    }

    @Test
    void responseFormatFileMayBeOpenAisWrapper() throws Exception {
        Path schema = dir.resolve("wrapped.json");
        Files.writeString(schema, """
                {"name": "person", "strict": true,
                 "schema": {"type": "object", "properties": {"age": {"type": "integer"}},
                            "required": ["age"], "additionalProperties": false}}
                """);

        CliRun run = chat("--response-format", schema.toString(), "a", "person");

        assertEquals(0, run.exitCode(), run::all);
        JsonNode format = lastBody().path("response_format").path("json_schema");
        assertEquals("person", format.path("name").asText(), format::toString);
        assertTrue(format.path("strict").asBoolean(), format::toString);
    }

    @Test
    void aBrokenSchemaFileIsAUsageErrorWithItsLocation() throws Exception {
        Path schema = dir.resolve("broken.json");
        Files.writeString(schema, "{\n  \"type\": \"object\",,\n}\n");

        CliRun run = chat("--response-format", schema.toString(), "hi");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::all);
        assertTrue(run.err().contains(schema + ":2:"), run.err());
        assertTrue(server.requests().isEmpty(), "nothing is sent");
    }

    @Test
    void outOfRangeSamplingIsAUsageError() {
        CliRun run = chat("--temperature", "3", "hi");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::all);
        assertTrue(run.err().contains("temperature must be in 0..2"), run.err());
    }

    @Test
    void wireShowsTheMaskedRequestAndTheRawStream() throws Exception {
        CliRun run = chat("--wire", "--seed", "7", "hello");

        assertEquals(0, run.exitCode(), run::all);
        String err = run.err();
        assertTrue(err.contains("> POST " + server.baseUrl() + "/chat/completions"), err);
        assertTrue(err.contains("> Authorization: ***"), err);
        assertTrue(err.contains("\"seed\":7"), err);
        assertTrue(err.contains("< HTTP 200"), err);
        assertTrue(err.contains("data: {"), err);
        assertTrue(err.contains("data: [DONE]"), err);
        assertTrue(err.lines().anyMatch(line -> line.startsWith("= ")), err);
        assertFalse(run.all().contains(KEY), "the key is printed");
        assertFalse(run.out().contains("> POST"), "the wire goes to stderr only");
    }

    @Test
    void wireDecodesACharacterSplitAcrossReads() {
        java.io.StringWriter text = new java.io.StringWriter();
        WirePrinter printer = new WirePrinter(new java.io.PrintWriter(text));
        byte[] snowman = "☃".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        printer.body(0, new byte[] {snowman[0]});
        printer.body(0, new byte[] {snowman[1], snowman[2], 'x'});
        printer.end(0, "done");

        assertEquals("☃x= done" + System.lineSeparator(), text.toString());
    }
}
