package dev.providers.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.AssemblySink;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.DialectRequest;
import dev.providers.engine.spi.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A dialect the kit has no wire view for, as a user would write one: {@code POST generate} with
 * {@code {model, system, turns: [{from, text}], limit, stop}}, answered by SSE frames that are
 * one small JSON object each: {@code {"text": …}} per fragment, then
 * {@code {"stop": "end"|"limit", "in": n, "out": n, "id": …}}, or {@code {"error": …}}. It
 * takes no tools.
 */
final class JsonLinesDialect implements Dialect {

    static final String API = "test-json-lines";

    /** The one instance: registering it again is a no-op, another instance would clash. */
    static final JsonLinesDialect INSTANCE = new JsonLinesDialect();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TEXT = "text";

    private JsonLinesDialect() { }

    @Override
    public String api() {
        return API;
    }

    @Override
    public @Nullable String compatSchema() {
        return null;
    }

    @Override
    public DialectModel bind(ResolvedModel model) {
        return new Model(model.model().id(), model.model().maxTokens());
    }

    private record Model(String id, @Nullable Integer defaultLimit) implements DialectModel {

        @Override
        public DialectRequest encode(Context context, StreamOptions options) {
            if (!context.tools().isEmpty()) {
                throw new IllegalArgumentException("the " + API + " dialect takes no tools");
            }
            ObjectNode body = MAPPER.createObjectNode();
            body.put("model", id);
            if (context.systemPrompt() != null) {
                body.put("system", context.systemPrompt());
            }
            ArrayNode turns = body.putArray("turns");
            for (Message message : context.messages()) {
                if (message instanceof AssistantMessage answer
                        && !answer.stopReason().isNormal()) {
                    continue; // a failed or cancelled answer is not part of the conversation
                }
                turns.addObject().put("from", from(message)).put("text", text(message));
            }
            Integer limit = options.maxTokens() != null ? options.maxTokens() : defaultLimit;
            if (limit != null) {
                body.put("limit", limit);
            }
            ArrayNode stop = body.putArray("stop");
            options.stop().forEach(stop::add);
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            return new DialectRequest("generate", Map.of(), Map.of(), bytes, "text/event-stream",
                    bytes.length / 4, limit);
        }

        @Override
        public StreamDecoder decoder(DecoderContext context) {
            return new Decoder();
        }

        @Override
        public boolean supportsTools() {
            return false;
        }

        private static String from(Message message) {
            return message instanceof AssistantMessage ? "model"
                    : message instanceof ToolResultMessage ? "tool" : "user";
        }

        private static String text(Message message) {
            if (message instanceof AssistantMessage answer) {
                return answer.text();
            }
            StringBuilder out = new StringBuilder();
            if (message instanceof UserMessage user) {
                user.content().stream().filter(TextContent.class::isInstance)
                        .forEach(part -> out.append(((TextContent) part).text()));
            } else if (message instanceof ToolResultMessage result) {
                result.content().stream().filter(TextContent.class::isInstance)
                        .forEach(part -> out.append(((TextContent) part).text()));
            }
            return out.toString();
        }
    }

    /** Reads one response; used by one thread at a time. */
    private static final class Decoder implements StreamDecoder {

        @Override
        public void event(@Nullable String name, byte[] bytes, int offset, int length,
                AssemblySink sink) {
            JsonNode frame;
            try {
                frame = MAPPER.readTree(bytes, offset, length);
            } catch (IOException e) {
                sink.error(ErrorKind.PROTOCOL, "a frame that is not JSON", null);
                return;
            }
            if (frame == null || !frame.isObject()) {
                sink.error(ErrorKind.PROTOCOL, "a frame that is not a JSON object", null);
            } else if (frame.has("error")) {
                sink.error(ErrorKind.SERVER, frame.path("error").asText(), null);
            } else if (frame.has("stop")) {
                String stop = frame.path("stop").asText();
                sink.responseId(frame.path("id").asText(""));
                sink.usage(frame.path("in").asLong(), frame.path("out").asLong(), 0, 0, 0);
                sink.finish(stop, "limit".equals(stop) ? StopReason.LENGTH : StopReason.STOP);
                sink.end();
            } else {
                sink.text(TEXT, frame.path("text").asText(""));
            }
        }

        @Override
        public void end(AssemblySink sink) {
            sink.error(ErrorKind.PROTOCOL, "the stream ended without a stop frame", null);
        }
    }
}
