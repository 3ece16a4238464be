package dev.providers.examples.llamacpp;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.spi.AssemblySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An assembly sink that writes down every call as a line, for decoder tests. */
final class RecordingSink implements AssemblySink {

    final List<String> calls = new ArrayList<>();
    private boolean ended;

    @Override
    public void text(Object key, String delta) {
        calls.add("text " + key + " " + delta);
    }

    @Override
    public void thinking(Object key, String delta) {
        calls.add("thinking " + key + " " + delta);
    }

    @Override
    public void thinkingSignature(Object key, String signature) {
        calls.add("thinkingSignature " + key + " " + signature);
    }

    @Override
    public void redactedThinking(Object key, String data) {
        calls.add("redactedThinking " + key);
    }

    @Override
    public void toolCall(Object key, @Nullable String id, @Nullable String name,
            String arguments) {
        calls.add("toolCall " + key + " " + id + " " + name + " " + arguments);
    }

    @Override
    public void toolCallSignature(String callId, String signature) {
        calls.add("toolCallSignature " + callId);
    }

    @Override
    public void endBlock(Object key) {
        calls.add("endBlock " + key);
    }

    @Override
    public void responseId(String id) {
        calls.add("responseId " + id);
    }

    @Override
    public void responseModel(String model) {
        calls.add("responseModel " + model);
    }

    @Override
    public void usage(long input, long output, long cacheRead, long cacheWrite,
            long reasoning) {
        calls.add("usage in=" + input + " out=" + output + " cacheRead=" + cacheRead
                + " cacheWrite=" + cacheWrite + " reasoning=" + reasoning);
    }

    @Override
    public void finish(@Nullable String raw, StopReason reason) {
        calls.add("finish " + raw + " " + reason);
    }

    @Override
    public void end() {
        calls.add("end");
        ended = true;
    }

    @Override
    public void error(ErrorKind kind, String message, @Nullable String raw) {
        calls.add("error " + kind + " " + message);
        ended = true;
    }

    @Override
    public void deviation(String description) {
        calls.add("deviation " + description);
    }

    @Override
    public boolean isEnded() {
        return ended;
    }

    /** Returns the calls that are not text or usage, which most tests look at. */
    List<String> outcome() {
        return calls.stream().filter(c -> !c.startsWith("text ") && !c.startsWith("usage "))
                .toList();
    }
}
