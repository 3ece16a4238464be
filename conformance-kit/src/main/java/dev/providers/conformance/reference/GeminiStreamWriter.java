package dev.providers.conformance.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Output.CallOut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes an output as Gemini's {@code GenerateContentResponse} chunks
 * ({@code docs/dialects/google-generative-ai.md} §4): thoughts as {@code {text, thought: true}}
 * parts, text one piece per chunk, every function call whole in one chunk (the first signed by a
 * thinking model, as Gemini 3 does), the finish reason on the last chunk ({@code STOP} also for
 * calls, {@code MAX_TOKENS} at the limit), and {@code usageMetadata} on every chunk, cumulative.
 * A thinking model also signs the last part of a text answer. Each profile's deviation is
 * reproduced here: calls without ids, usage on the last chunk only, a {@code SAFETY} stop, a
 * {@code MALFORMED_FUNCTION_CALL} stop.
 */
final class GeminiStreamWriter {

    /** How many text pieces the strict safety filter lets through before it stops the answer. */
    static final int SAFETY_AFTER = 3;

    private final Profile profile;
    private final ChatRequest request;
    private final Ids ids;
    private final String responseId;
    private final boolean signs;

    GeminiStreamWriter(Profile profile, ChatRequest request, Ids ids) {
        this.profile = profile;
        this.request = request;
        this.ids = ids;
        this.responseId = ids.completion("");
        this.signs = request.model().reasoning();
    }

    /** Streams the chunks as server-sent events. */
    void stream(Output out, SseStream sse) throws IOException {
        for (ObjectNode chunk : chunks(out)) {
            sse.dataCrlf(chunk);
        }
    }

    /** Returns the chunks as one JSON array (streamGenerateContent without alt=sse). */
    ArrayNode array(Output out) {
        ArrayNode array = Json.array();
        chunks(out).forEach(array::add);
        return array;
    }

    /** Returns the whole answer as one response (generateContent). */
    ObjectNode whole(Output out) {
        List<ObjectNode> chunks = chunks(out);
        ObjectNode last = chunks.get(chunks.size() - 1);
        ObjectNode candidate = (ObjectNode) last.path("candidates").path(0);
        ArrayNode parts = Json.array();
        StringBuilder thoughts = new StringBuilder();
        StringBuilder text = new StringBuilder();
        List<JsonNode> others = new ArrayList<>();
        for (ObjectNode chunk : chunks) {
            for (JsonNode part : chunk.path("candidates").path(0).path("content").path("parts")) {
                if (part.path("thought").asBoolean(false)) {
                    thoughts.append(part.path("text").asText());
                } else if (part.has("functionCall") || part.has("thoughtSignature")) {
                    others.add(part);
                } else {
                    text.append(part.path("text").asText());
                }
            }
        }
        if (!thoughts.isEmpty()) {
            parts.addObject().put("text", thoughts.toString()).put("thought", true);
        }
        if (!text.isEmpty()) {
            parts.addObject().put("text", text.toString());
        }
        others.forEach(parts::add);
        ObjectNode whole = candidate.deepCopy();
        if (!parts.isEmpty()) {
            whole.putObject("content").put("role", "model").set("parts", parts);
        }
        ObjectNode response = Json.object();
        response.putArray("candidates").add(whole);
        response.set("usageMetadata", usage(out.usage(), out.usage().completion()
                - out.usage().reasoning(), out.usage().reasoning()));
        response.put("modelVersion", request.modelId()).put("responseId", responseId);
        return response;
    }

    /** Returns the chunks of an output, in order. */
    List<ObjectNode> chunks(Output out) {
        List<ObjectNode> chunks = new ArrayList<>();
        Output.Counts counts = out.usage();
        int thoughts = 0;
        int candidates = 0;
        for (String piece : out.reasoning()) {
            thoughts++;
            ObjectNode part = Json.object().put("text", piece).put("thought", true);
            chunks.add(chunk(counts, List.of(part), null, candidates, thoughts, false));
        }
        boolean filtered = profile.has(Quirk.GEMINI_SAFETY_STOP) && out.calls().isEmpty();
        for (String piece : out.content()) {
            if (filtered && candidates == SAFETY_AFTER) {
                break;
            }
            candidates++;
            chunks.add(chunk(counts, List.of(Json.object().put("text", piece)), null,
                    candidates, thoughts, false));
        }
        String finish = out.finishReason().equals("length") ? "MAX_TOKENS" : "STOP";
        if (filtered) {
            ObjectNode last = chunk(counts, null, "SAFETY", candidates, thoughts, true);
            ArrayNode ratings = ((ObjectNode) last.path("candidates").path(0))
                    .putArray("safetyRatings");
            ratings.addObject().put("category", "HARM_CATEGORY_DANGEROUS_CONTENT")
                    .put("probability", "MEDIUM").put("blocked", true);
            chunks.add(last);
            return chunks;
        }
        if (!out.calls().isEmpty()) {
            int callTokens = out.usage().completion() - out.usage().reasoning();
            if (profile.has(Quirk.GEMINI_MALFORMED_CALLS)) {
                ObjectNode last = chunk(counts, null, "MALFORMED_FUNCTION_CALL", candidates,
                        thoughts, true);
                ((ObjectNode) last.path("candidates").path(0)).put("finishMessage",
                        "Malformed function call: " + malformed(out.calls().get(0)));
                chunks.add(last);
                return chunks;
            }
            List<ObjectNode> parts = new ArrayList<>();
            for (int i = 0; i < out.calls().size(); i++) {
                ObjectNode part = call(out.calls().get(i), parts.isEmpty());
                if (part != null) {
                    parts.add(part);
                }
            }
            chunks.add(chunk(counts, parts, finish, callTokens, thoughts, true));
            return chunks;
        }
        ObjectNode end = Json.object().put("text", "");
        if (signs && request.thinking()) {
            end.put("thoughtSignature", ThoughtSignatures.issue(request.modelId(), responseId,
                    1));
        }
        chunks.add(chunk(counts, List.of(end), finish, candidates, thoughts, true));
        return chunks;
    }

    /** Returns a call's part, or null when the output limit cut its arguments short. */
    private @Nullable ObjectNode call(CallOut call, boolean first) {
        JsonNode args;
        try {
            args = Json.parse(call.arguments().isEmpty() ? "{}" : call.arguments());
        } catch (JsonProcessingException e) {
            return null; // a call is sent whole or not at all
        }
        ObjectNode part = Json.object();
        ObjectNode function = part.putObject("functionCall");
        function.put("name", call.name());
        function.set("args", args);
        if (!profile.has(Quirk.GEMINI_NO_CALL_IDS)) {
            function.put("id", call.id());
        }
        if (first && signs) {
            part.put("thoughtSignature", ThoughtSignatures.issue(request.modelId(), responseId,
                    0));
        }
        return part;
    }

    /** Returns the text a malformed call shows: Python-like source the model wrote instead. */
    private static String malformed(CallOut call) {
        return "print(default_api." + call.name() + "(" + call.arguments()
                .replace("{", "").replace("}", "").replace("\":", "=").replace("\"", "") + ")";
    }

    /**
     * Returns one chunk: the parts (none: a content without parts; null: no content), the finish
     * reason or null, and the usage so far (on every chunk, or only on the last).
     */
    private ObjectNode chunk(Output.Counts counts, @Nullable List<ObjectNode> parts,
            @Nullable String finish, int candidates, int thoughts, boolean last) {
        ObjectNode chunk = Json.object();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        if (parts != null) {
            ObjectNode content = candidate.putObject("content");
            ArrayNode array = content.putArray("parts");
            parts.forEach(array::add);
            content.put("role", "model");
        }
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        candidate.put("index", 0);
        if (last || !profile.has(Quirk.GEMINI_USAGE_LAST)) {
            chunk.set("usageMetadata", usage(counts, candidates, thoughts));
        }
        chunk.put("modelVersion", request.modelId());
        chunk.put("responseId", responseId);
        return chunk;
    }

    private static ObjectNode usage(Output.Counts counts, int candidates, int thoughts) {
        int prompt = counts.prompt();
        ObjectNode usage = Json.object();
        usage.put("promptTokenCount", prompt);
        if (candidates > 0) {
            usage.put("candidatesTokenCount", candidates);
        }
        usage.put("totalTokenCount", prompt + candidates + thoughts);
        if (counts.cached() > 0) {
            usage.put("cachedContentTokenCount", counts.cached());
        }
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT")
                .put("tokenCount", prompt);
        if (counts.cached() > 0) {
            usage.putArray("cacheTokensDetails").addObject().put("modality", "TEXT")
                    .put("tokenCount", counts.cached());
        }
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        return usage;
    }

}
