package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.internal.stream.Surrogates;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ResolvedModel;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lone UTF-16 surrogates are removed from every outgoing string; pairs are kept (§3.3). */
class SurrogatesTest {

    @TempDir
    Path dir;

    @Test
    void textWithoutSurrogatesIsReturnedAsIs() {
        String text = "plain ascii and ünïcödé";
        assertSame(text, Surrogates.strip(text));
    }

    @Test
    void lonesAreRemovedAndPairsKept() {
        assertEquals("a🚀b", Surrogates.strip("a🚀b"));
        assertEquals("ab", Surrogates.strip("a\uD83Db"));
        assertEquals("ab", Surrogates.strip("a\uDE80b"));
        assertEquals("a", Surrogates.strip("a\uD83D"));
        assertEquals("", Surrogates.strip("\uDE80\uD83D"));
        assertEquals("🚀", Surrogates.strip("\uD83D\uD83D\uDE80"));
        assertEquals("🚀", Surrogates.strip("\uD83D\uDE80\uDE80"));
    }

    @Test
    void treesAreStrippedInValuesArraysAndFieldNamesKeepingOrder() {
        ObjectNode tree = WireJson.object();
        tree.put("first", "x\uD83D");
        tree.put("bad\uDE80name", 1);
        tree.putArray("list").add("y\uDE80").add(2).addObject().put("z", "\uD83D🚀");
        tree.put("last", true);
        Surrogates.stripTree(tree);
        assertEquals("{\"first\":\"x\",\"badname\":1,\"list\":[\"y\",2,{\"z\":\"🚀\"}],"
                + "\"last\":true}", WireJson.text(tree));
    }

    @Test
    void theP13cBodyIsValidUtf8WithThePairIntactAndTheLoneSurrogateGone() throws Exception {
        ResolvedModel model = TestModels.load(dir, "{}", TestModels.CHAT);
        EncodedRequest request = RequestEncoder.encode(model, ReplayCases.unicode(
                "Broken emoji: \uD83D end, valid pair: \uD83D\uDE80.", "What? \uD83D"),
                StreamOptions.defaults());
        byte[] bytes = request.bytes();
        String decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes))
                .toString();
        assertTrue(decoded.contains("Broken emoji:  end, valid pair: 🚀."), decoded);
        assertFalse(decoded.contains("\\ud83d") || decoded.contains("\\uD83D"), decoded);
        assertFalse(decoded.contains("\uFFFD"), decoded);
    }

    @Test
    void argumentsAndToolSchemasAreStrippedToo() throws CharacterCodingException {
        ResolvedModel model = TestModels.load(dir, "{}", TestModels.CHAT);
        Context context = new Context("sys\uD83D", List.of(
                UserMessage.of("go"),
                Fixtures.own("chat", Fixtures.call("tst000001", "test_tool",
                        Map.of("q", "bad\uDE80"))),
                Fixtures.result("tst000001", "test_tool", Fixtures.text("ok"))),
                List.of(Fixtures.simpleTool("test_tool", "desc\uD83D")));
        JsonNode body = RequestEncoder.encode(model, context, StreamOptions.defaults()).body();
        assertEquals("sys", body.at("/messages/0/content").asText());
        assertEquals("{\"q\":\"bad\"}",
                body.at("/messages/2/tool_calls/0/function/arguments").asText());
        assertEquals("desc", body.at("/tools/0/function/description").asText());
    }
}
