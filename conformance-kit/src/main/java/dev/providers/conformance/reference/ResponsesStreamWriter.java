package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Output.CallOut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a response as Responses events in the profile's exact shape: OpenAI's order
 * ({@code response.created}, {@code response.in_progress}, per item {@code output_item.added},
 * its parts and deltas, its done events, {@code output_item.done}, then
 * {@code response.completed} or {@code response.incomplete}), every event with its
 * {@code sequence_number} and {@code output_index}; or llama.cpp's: items named by
 * {@code item_id} only, their done events at the end, always {@code response.completed}, with
 * {@code timings}.
 */
final class ResponsesStreamWriter {

    private final Profile profile;
    private final SseStream sse;
    private final boolean llama;
    private int sequence;

    ResponsesStreamWriter(Profile profile, SseStream sse) {
        this.profile = profile;
        this.sse = sse;
        this.llama = profile.has(Quirk.LLAMACPP_RESPONSES);
    }

    /** Streams a whole response. */
    void write(ResponsesOutput response) throws IOException {
        start(response);
        Output out = response.out;
        int index = 0;
        List<Io> atTheEnd = new ArrayList<>();
        if (response.reasoningId != null) {
            reasoning(response, index++, atTheEnd);
        }
        if (response.messageId != null) {
            message(response, index++, atTheEnd);
        }
        for (int i = 0; i < out.calls().size(); i++) {
            call(response, i, index++, atTheEnd);
        }
        for (Io done : atTheEnd) {
            done.run();
        }
        if (llama) {
            ObjectNode last = event("response.completed");
            last.set("response", llamaFinal(response));
            last.set("timings", timings(out));
            send(last);
            return;
        }
        String status = response.cut() ? "incomplete" : "completed";
        String type = response.cut() && !profile.has(Quirk.INCOMPLETE_AS_COMPLETED)
                ? "response.incomplete" : "response.completed";
        ObjectNode last = event(type);
        last.set("response", response.response(status));
        send(last);
    }

    /** Streams the start and a {@code response.failed} with this error (code and message). */
    void failed(ResponsesOutput response, String code, String message) throws IOException {
        start(response);
        ObjectNode failed = response.response("failed");
        failed.set("output", Json.array());
        failed.putNull("usage");
        failed.putObject("error").put("code", code).put("message", message);
        ObjectNode event = event("response.failed");
        event.set("response", failed);
        send(event);
    }

    private void start(ResponsesOutput response) throws IOException {
        for (String type : new String[] {"response.created", "response.in_progress"}) {
            ObjectNode event = event(type);
            if (llama) {
                event.putObject("response").put("id", response.responseId)
                        .put("object", "response").put("status", "in_progress");
            } else {
                event.set("response", response.response("in_progress"));
            }
            send(event);
        }
    }

    private void reasoning(ResponsesOutput response, int index, List<Io> atTheEnd)
            throws IOException {
        String id = response.reasoningId;
        ObjectNode added = item("response.output_item.added", index);
        ObjectNode item = added.putObject("item");
        item.put("id", id).put("type", "reasoning");
        item.putArray("summary");
        if (llama) {
            item.putArray("content");
            item.put("encrypted_content", "").put("status", "in_progress");
        }
        send(added);
        List<String> pieces = response.out.reasoning();
        boolean summary = response.call.summary() && !llama;
        if (summary) {
            ObjectNode part = part("response.reasoning_summary_part.added", id, index);
            part.put("summary_index", 0);
            part.putObject("part").put("type", "summary_text").put("text", "");
            send(part);
        }
        if (summary || llama) {
            for (String piece : pieces) {
                ObjectNode delta = part(llama ? "response.reasoning_text.delta"
                        : "response.reasoning_summary_text.delta", id, index);
                if (!llama) {
                    delta.put("summary_index", 0);
                }
                send(delta.put("delta", piece));
            }
        }
        if (summary) {
            String text = response.out.reasoningText();
            send(part("response.reasoning_summary_text.done", id, index)
                    .put("summary_index", 0).put("text", text));
            ObjectNode done = part("response.reasoning_summary_part.done", id, index);
            done.put("summary_index", 0);
            done.putObject("part").put("type", "summary_text").put("text", text);
            send(done);
        }
        Io done = () -> {
            ObjectNode event = item("response.output_item.done", index);
            event.set("item", response.reasoningItem());
            send(event);
        };
        later(done, atTheEnd);
    }

    private void message(ResponsesOutput response, int index, List<Io> atTheEnd)
            throws IOException {
        String id = response.messageId;
        ObjectNode added = item("response.output_item.added", index);
        ObjectNode item = added.putObject("item");
        if (llama) {
            item.putArray("content");
            item.put("id", id).put("role", "assistant").put("status", "in_progress")
                    .put("type", "message");
        } else {
            item.put("id", id).put("type", "message").put("status", "in_progress");
            item.putArray("content");
            item.put("role", "assistant");
        }
        send(added);
        ObjectNode part = content("response.content_part.added", id, index);
        ObjectNode empty = part.putObject("part").put("type", "output_text");
        if (!llama) {
            empty.putArray("annotations");
        }
        empty.put("text", "");
        send(part);
        for (String piece : response.out.content()) {
            ObjectNode delta = content("response.output_text.delta", id, index);
            delta.put("delta", piece);
            if (!llama) {
                delta.putArray("logprobs");
            }
            send(delta);
        }
        Io done = () -> {
            send(content("response.output_text.done", id, index).put("text",
                    response.out.text()));
            ObjectNode partDone = content("response.content_part.done", id, index);
            partDone.set("part", response.textPart());
            send(partDone);
            ObjectNode event = item("response.output_item.done", index);
            event.set("item", response.messageItem());
            send(event);
        };
        later(done, atTheEnd);
    }

    private void call(ResponsesOutput response, int i, int index, List<Io> atTheEnd)
            throws IOException {
        String id = response.callItemIds.get(i);
        CallOut each = response.out.calls().get(i);
        ObjectNode added = item("response.output_item.added", index);
        added.set("item", response.callItem(i, false));
        send(added);
        for (String fragment : each.fragments()) {
            send(part("response.function_call_arguments.delta", id, index).put("delta",
                    fragment));
        }
        Io done = () -> {
            if (!llama) {
                send(part("response.function_call_arguments.done", id, index)
                        .put("arguments", each.arguments()));
            }
            ObjectNode event = item("response.output_item.done", index);
            event.set("item", response.callItem(i, true));
            send(event);
        };
        later(done, atTheEnd);
    }

    /** Sends a done step now (OpenAI), or at the end of the stream (llama.cpp). */
    private void later(Io done, List<Io> atTheEnd) throws IOException {
        if (!llama) {
            done.run();
            return;
        }
        atTheEnd.add(done);
    }

    /** llama.cpp's final response: its few fields, and usage without details of output. */
    private ObjectNode llamaFinal(ResponsesOutput response) {
        ObjectNode full = response.response("completed");
        ObjectNode out = Json.object();
        for (String field : new String[] {"id", "object", "created_at", "status", "model",
            "output", "usage"}) {
            out.set(field, full.get(field));
        }
        return out;
    }

    private static ObjectNode timings(Output out) {
        ObjectNode timings = Json.object();
        timings.put("cache_n", out.usage().cached());
        timings.put("prompt_n", out.usage().prompt() - out.usage().cached());
        timings.put("prompt_ms", out.usage().prompt() * 0.05);
        timings.put("predicted_n", out.usage().completion());
        timings.put("predicted_ms", out.usage().completion() * 0.5);
        return timings;
    }

    private ObjectNode event(String type) {
        ObjectNode event = Json.object();
        event.put("type", type);
        if (!llama) {
            event.put("sequence_number", sequence++);
        }
        return event;
    }

    /** An event about an output item, by index (none for llama.cpp). */
    private ObjectNode item(String type, int index) {
        ObjectNode event = event(type);
        if (!llama) {
            event.put("output_index", index);
        }
        return event;
    }

    /** An event about a part of item {@code id}. */
    private ObjectNode part(String type, String id, int index) {
        ObjectNode event = event(type);
        event.put("item_id", id);
        if (!llama) {
            event.put("output_index", index);
        }
        return event;
    }

    /** An event about content part 0 of message {@code id}. */
    private ObjectNode content(String type, String id, int index) {
        ObjectNode event = part(type, id, index);
        if (!llama) {
            event.put("content_index", 0);
        }
        return event;
    }

    private void send(ObjectNode event) throws IOException {
        sse.event(event.path("type").asText(), event);
    }

    /** A step of writing that may fail when the client goes away. */
    @FunctionalInterface
    private interface Io {
        void run() throws IOException;
    }
}
