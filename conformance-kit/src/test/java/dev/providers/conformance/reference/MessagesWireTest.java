package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The reference server's Messages routes on the wire: Anthropic's event sequence, validation
 * in Anthropic's words, signed thinking checked on replay, prompt caching at breakpoints,
 * the paginated model list, and each Messages profile's deviation.
 */
class MessagesWireTest {

    private static final String KEY = "sk-ant-reference-key";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String HELLO = "{'model':'demo-chat','max_tokens':64,'stream':true,"
            + "'messages':[{'role':'user','content':'Reply with exactly: Hello test "
            + "successful'}]}";
    private static final String WEATHER = "{'model':'demo-chat','max_tokens':200,'stream':true,"
            + "'tools':[{'name':'get_weather','description':'Weather','input_schema':{'type':"
            + "'object','properties':{'city':{'type':'string'}}}}],'tool_choice':{'type':'any'},"
            + "'messages':[{'role':'user','content':'What is the weather in Paris?'}]}";
    private static final String COUNT = "{'model':'demo-chat','max_tokens':4000,'stream':true,"
            + "'thinking':{'type':'enabled','budget_tokens':2000},'messages':[{'role':'user',"
            + "'content':'Count from 1 to 3'}]}";

    /** A response: status, body, and the events of a stream (name and data). */
    private record Reply(int status, String body) {

        JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Returns the event names in order. */
        List<String> names() {
            List<String> out = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.startsWith("event: ")) {
                    out.add(line.substring(7));
                }
            }
            return out;
        }

        /** Returns the data of every event, in order. */
        List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.startsWith("data: ")) {
                    try {
                        out.add(Json.parse(line.substring(6)));
                    } catch (IOException e) {
                        throw new AssertionError(line, e);
                    }
                }
            }
            return out;
        }

        /** Returns the text the text_delta events carry. */
        String text() {
            StringBuilder out = new StringBuilder();
            events().forEach(e -> out.append(e.at("/delta/text").asText("")));
            return out.toString();
        }

        String errorType() {
            return json().at("/error/type").asText();
        }

        String errorMessage() {
            return json().at("/error/message").asText();
        }
    }

    private static Reply send(ReferenceServer server, String method, String path,
            Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.baseUrl().getPort() + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Reply post(ReferenceServer server, String body) {
        return send(server, "POST", "/v1/messages", Map.of("x-api-key", KEY,
                "anthropic-version", "2023-06-01", "Content-Type", "application/json"), body);
    }

    private static void on(Profile profile, Consumer<ReferenceServer> test) {
        try (ReferenceServer server = ReferenceServer.start(profile, KEY, Duration.ZERO)) {
            test.accept(server);
        }
    }

    @Test
    void aTextAnswerStreamsAsAnthropicsEventSequence() {
        on(Profile.ANTHROPIC, server -> {
            Reply reply = post(server, HELLO);
            assertEquals(200, reply.status());
            List<String> names = reply.names();
            assertEquals(List.of("message_start", "ping", "content_block_start"),
                    names.subList(0, 3));
            assertEquals(List.of("content_block_stop", "message_delta", "message_stop"),
                    names.subList(names.size() - 3, names.size()));
            assertEquals("Hello test successful", reply.text());
            JsonNode start = reply.events().get(0).path("message");
            assertTrue(start.path("id").asText().startsWith("msg_"), start.toString());
            assertEquals("demo-chat", start.path("model").asText());
            assertTrue(start.at("/usage/input_tokens").asInt() > 0);
            JsonNode delta = reply.events().get(names.size() - 2);
            assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
            assertEquals(3, delta.at("/usage/output_tokens").asInt());
        });
    }

    @Test
    void aToolCallStartsWithAnEmptyInputFragmentAndStopsWithToolUse() {
        on(Profile.ANTHROPIC, server -> {
            List<JsonNode> events = post(server, WEATHER).events();
            JsonNode block = events.get(2).path("content_block");
            assertEquals("tool_use", block.path("type").asText());
            assertTrue(block.path("id").asText().matches("toolu_[A-Za-z0-9]{24}"),
                    block.toString());
            assertEquals("get_weather", block.path("name").asText());
            assertEquals("", events.get(3).at("/delta/partial_json").asText("-"));
            StringBuilder input = new StringBuilder();
            events.forEach(e -> input.append(e.at("/delta/partial_json").asText("")));
            assertEquals("{\"city\":\"Paris\"}", input.toString());
            assertEquals("tool_use", events.get(events.size() - 2).at("/delta/stop_reason")
                    .asText());
        });
    }

    @Test
    void signedThinkingIsCheckedWhenItIsReplayed() {
        on(Profile.ANTHROPIC, server -> {
            List<JsonNode> events = post(server, COUNT).events();
            assertEquals("thinking", events.get(2).at("/content_block/type").asText());
            StringBuilder thinking = new StringBuilder();
            String signature = "";
            for (JsonNode e : events) {
                thinking.append(e.at("/delta/thinking").asText(""));
                signature += e.at("/delta/signature").asText("");
            }
            assertEquals(ThinkingSignatures.sign(thinking.toString()), signature);
            String replay = "{'model':'demo-chat','max_tokens':4000,'thinking':{'type':"
                    + "'enabled','budget_tokens':2000},'messages':[{'role':'user','content':"
                    + "'Count from 1 to 3'},{'role':'assistant','content':[{'type':'thinking',"
                    + "'thinking':'" + thinking + "','signature':'%s'},{'type':'text','text':"
                    + "'1, 2, 3'}]},{'role':'user','content':'Again'}]}";
            assertEquals(200, post(server, replay.formatted(signature)).status());
            Reply forged = post(server, replay.formatted("AAAA"));
            assertEquals(400, forged.status());
            assertEquals("messages.1.content.0: Invalid `signature` in `thinking` block",
                    forged.errorMessage());
        });
    }

    @Test
    void requestsAreCheckedInAnthropicsWords() {
        on(Profile.ANTHROPIC, server -> {
            assertEquals("max_tokens: Field required", post(server, "{'model':'demo-chat',"
                    + "'messages':[{'role':'user','content':'x'}]}").errorMessage());
            assertEquals("messages: roles must alternate between \"user\" and \"assistant\", "
                    + "but found multiple \"user\" roles in a row", post(server,
                    "{'model':'demo-chat','max_tokens':9,'messages':[{'role':'user','content':"
                    + "'a'},{'role':'user','content':'b'}]}").errorMessage());
            assertEquals("messages: text content blocks must contain non-whitespace text",
                    post(server, "{'model':'demo-chat','max_tokens':9,'messages':[{'role':"
                    + "'user','content':'  '}]}").errorMessage());
            assertEquals("Thinking may not be enabled when tool_choice forces tool use.",
                    post(server, WEATHER.replace("'max_tokens':200,'stream':true,",
                            "'max_tokens':2000,'thinking':{'type':'enabled','budget_tokens':"
                            + "1024},")).errorMessage());
            assertTrue(post(server, COUNT.replace("'stream':true,", "'temperature':0.5,"))
                    .errorMessage().startsWith("`temperature` may only be set to 1"));
            assertEquals("messages.1.content: unexpected `tool_use_id` found in `tool_result` "
                    + "blocks: t1. Each `tool_result` block must have a corresponding `tool_use` "
                    + "block in the previous message.", post(server, "{'model':'demo-chat',"
                    + "'max_tokens':9,'tools':[{'name':'f','input_schema':{'type':'object'}}],"
                    + "'messages':[{'role':'assistant','content':'x'},{'role':'user','content':"
                    + "[{'type':'tool_result','tool_use_id':'t1','content':'r'}]}]}")
                    .errorMessage());
            String five = "{'type':'text','text':'x','cache_control':{'type':'ephemeral'}}";
            assertEquals("A maximum of 4 blocks with cache_control may be provided. Found 5.",
                    post(server, "{'model':'demo-chat','max_tokens':9,'messages':[{'role':"
                    + "'user','content':[" + String.join(",", five, five, five, five, five)
                    + "]}]}").errorMessage());
            Reply noVersion = send(server, "POST", "/v1/messages", Map.of("x-api-key", KEY),
                    HELLO);
            assertEquals(400, noVersion.status());
            assertEquals("anthropic-version: header is required", noVersion.errorMessage());
            Reply unknownModel = post(server, HELLO.replace("demo-chat", "claude-nope"));
            assertEquals(404, unknownModel.status());
            assertEquals("not_found_error", unknownModel.errorType());
        });
    }

    @Test
    void aWrongKeyIsA401InAnthropicsShapeAndKeysAreMaskedInTheLog() {
        on(Profile.ANTHROPIC, server -> {
            Reply wrong = send(server, "POST", "/v1/messages", Map.of("x-api-key", "sk-wrong-1",
                    "anthropic-version", "2023-06-01"), HELLO);
            assertEquals(401, wrong.status());
            assertEquals("error", wrong.json().path("type").asText());
            assertEquals("authentication_error", wrong.errorType());
            assertFalse(server.requests().toString().contains("sk-wrong-1"),
                    server.requests().toString());
        });
    }

    @Test
    void promptCachingNeedsABreakpointAndAPrefixLongEnough() {
        on(Profile.ANTHROPIC, server -> {
            String system = Fixtures.longSystemPrompt(ServedModel.CONTEXT_WINDOW)
                    .replace("\"", "").replace("'", "");
            String cached = "{'model':'demo-chat','max_tokens':64,'stream':true,'system':["
                    + "{'type':'text','text':'" + system + "','cache_control':{'type':"
                    + "'ephemeral'}}],'messages':[{'role':'user','content':'What is 2 + 2?'}]}";
            JsonNode first = post(server, cached).events().get(0).at("/message/usage");
            assertEquals(0, first.path("cache_read_input_tokens").asInt());
            assertTrue(first.path("cache_creation_input_tokens").asInt() > 0, first.toString());
            JsonNode second = post(server, cached).events().get(0).at("/message/usage");
            assertTrue(second.path("cache_read_input_tokens").asInt() > 0, second.toString());
            assertEquals(3, second.path("input_tokens").asInt(), "after the breakpoint");
            JsonNode unmarked = post(server, cached.replace(",'cache_control':{'type':"
                    + "'ephemeral'}", "")).events().get(0).at("/message/usage");
            assertEquals(0, unmarked.path("cache_read_input_tokens").asInt());
            assertEquals(0, unmarked.path("cache_creation_input_tokens").asInt());
        });
    }

    @Test
    void theModelListIsPaginatedAndCountTokensAnswers() {
        on(Profile.ANTHROPIC, server -> {
            Map<String, String> headers = Map.of("x-api-key", KEY, "anthropic-version",
                    "2023-06-01");
            JsonNode first = send(server, "GET", "/v1/models", headers, null).json();
            assertEquals("demo-chat", first.at("/data/0/id").asText());
            assertTrue(first.path("has_more").asBoolean());
            assertEquals("demo-chat", first.path("last_id").asText());
            JsonNode rest = send(server, "GET", "/v1/models?after_id=demo-chat&limit=1000",
                    headers, null).json();
            assertEquals("demo-lite", rest.at("/data/0/id").asText());
            assertFalse(rest.path("has_more").asBoolean());
            Reply tokens = send(server, "POST", "/v1/messages/count_tokens", Map.of("x-api-key",
                    KEY, "anthropic-version", "2023-06-01"), "{'model':'demo-chat','messages':"
                    + "[{'role':'user','content':'hi'}]}");
            assertTrue(tokens.json().path("input_tokens").asInt() > 0, tokens.body());
            Reply whole = post(server, HELLO.replace("'stream':true,", ""));
            assertEquals("message", whole.json().path("type").asText());
            assertEquals("Hello test successful", whole.json().at("/content/0/text").asText());
        });
    }

    @Test
    void llamaCppsVariantMatchesWhatTheRealServerSends() {
        on(Profile.ANTHROPIC_LLAMACPP, server -> {
            Reply reply = post(server, HELLO);
            assertFalse(reply.names().contains("ping"));
            assertTrue(reply.events().get(0).at("/message/id").asText().startsWith("chatcmpl-"));
            assertFalse(reply.events().get(0).at("/message/usage")
                    .has("cache_creation_input_tokens"));
            Reply stopped = post(server, "{'model':'any','max_tokens':64,'stream':true,"
                    + "'stop_sequences':['successful'],'messages':[{'role':'user','content':"
                    + "'Reply with exactly: Hello test successful'}]}");
            JsonNode delta = stopped.events().get(stopped.events().size() - 2).path("delta");
            assertEquals("end_turn", delta.path("stop_reason").asText());
            assertEquals("successful", delta.path("stop_sequence").asText());
            Reply none = post(server, WEATHER.replace("'any'", "'none'"));
            assertTrue(none.body().contains("\"tool_use\""), "tool_choice none is ignored");
            Reply bad = send(server, "POST", "/v1/messages", Map.of("x-api-key", KEY), "{bad");
            assertEquals(500, bad.status());
            assertEquals("server_error", bad.json().at("/error/type").asText());
            Reply overflow = post(server, "{'max_tokens':9,'model':'x','messages':[{'role':"
                    + "'user','content':'" + "word ".repeat(20_000) + "'}]}");
            assertEquals(400, overflow.status());
            assertTrue(overflow.json().at("/error/message").asText().contains(
                    "exceeds the available context size"), overflow.body());
        });
    }

    @Test
    void eachProfileShowsItsDeviationOnTheWire() {
        on(Profile.ANTHROPIC_NO_PING, server -> assertFalse(post(server, HELLO).names()
                .contains("ping")));
        on(Profile.ANTHROPIC_SIGNED_THINKING, server -> {
            List<JsonNode> events = post(server, COUNT).events();
            assertEquals(MessagesStreamWriter.SIGNATURE_PIECES, events.stream()
                    .filter(e -> e.at("/delta/type").asText().equals("signature_delta"))
                    .count());
        });
        on(Profile.ANTHROPIC_REDACTED_THINKING, server -> assertTrue(post(server, COUNT)
                .body().contains("\"type\":\"redacted_thinking\"")));
        on(Profile.ANTHROPIC_UNSIGNED_THINKING, server -> {
            Reply reply = post(server, COUNT);
            assertFalse(reply.body().contains("signature"), reply.body());
            Reply asText = post(server, "{'model':'demo-chat','max_tokens':4000,'thinking':{"
                    + "'type':'enabled','budget_tokens':2000},'messages':[{'role':'user',"
                    + "'content':'Count'},{'role':'assistant','content':'1, 2, 3'},{'role':"
                    + "'user','content':'Again'}]}");
            assertEquals("The `content[].thinking` in the thinking mode must be passed back "
                    + "to the API.", asText.errorMessage());
        });
        on(Profile.ANTHROPIC_ERROR_AFTER_CONTENT, server -> {
            Reply poem = post(server, "{'model':'demo-chat','max_tokens':4000,'stream':true,"
                    + "'messages':[{'role':'user','content':'Write a poem about the sea in 5 "
                    + "stanzas.'}]}");
            assertEquals("error", poem.names().get(poem.names().size() - 1));
            assertFalse(poem.names().contains("message_stop"));
            assertEquals("message_stop", post(server, HELLO).names().get(
                    post(server, HELLO).names().size() - 1), "short answers are whole");
        });
        on(Profile.ANTHROPIC_NO_BETA, server -> {
            Reply beta = send(server, "POST", "/v1/messages", Map.of("x-api-key", KEY,
                    "anthropic-version", "2023-06-01", "anthropic-beta", "x-2025-01-01"), HELLO);
            assertEquals(400, beta.status());
            assertTrue(beta.errorMessage().contains("`anthropic-beta` header"));
        });
        on(Profile.ANTHROPIC_NO_CACHE_CONTROL, server -> assertEquals(
                "cache_control: Extra inputs are not permitted", post(server, "{'model':"
                + "'demo-chat','max_tokens':9,'messages':[{'role':'user','content':[{'type':"
                + "'text','text':'x','cache_control':{'type':'ephemeral'}}]}]}")
                .errorMessage()));
    }
}
