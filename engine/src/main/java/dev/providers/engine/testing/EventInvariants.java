package dev.providers.engine.testing;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.event.StreamEvent.Start;
import dev.providers.engine.event.StreamEvent.TextDelta;
import dev.providers.engine.event.StreamEvent.TextEnd;
import dev.providers.engine.event.StreamEvent.TextStart;
import dev.providers.engine.event.StreamEvent.ThinkingDelta;
import dev.providers.engine.event.StreamEvent.ThinkingEnd;
import dev.providers.engine.event.StreamEvent.ThinkingStart;
import dev.providers.engine.event.StreamEvent.ToolCallDelta;
import dev.providers.engine.event.StreamEvent.ToolCallEnd;
import dev.providers.engine.event.StreamEvent.ToolCallStart;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.Usage;
import dev.providers.engine.spec.ModelCost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a recorded event stream against the grammar every stream must follow (the ordering
 * invariants G1–G11 and the usage arithmetic G13 of the conformance catalogue).
 *
 * <p>Returns violations as sentences; an empty list means the stream is well formed.
 */
public final class EventInvariants {

    private EventInvariants() { }

    /** Checks the events of one stream; {@code prices} enables the cost checks (G13). */
    public static List<String> check(List<StreamEvent> events, @Nullable ModelCost prices) {
        List<String> problems = new ArrayList<>();
        if (events.isEmpty()) {
            problems.add("G1: no events at all");
            return problems;
        }
        StreamEvent last = events.get(events.size() - 1);
        long terminals = events.stream().filter(StreamEvent::isTerminal).count();
        if (terminals != 1 || !last.isTerminal()) {
            problems.add("G1: expected exactly one terminal event, last; found " + terminals
                    + " terminal(s), last is " + name(last));
        }
        boolean hasStart = events.get(0) instanceof Start;
        long starts = events.stream().filter(Start.class::isInstance).count();
        if (starts > 1 || (starts == 1 && !hasStart)) {
            problems.add("G2: start must come first and once; found " + starts);
        }
        if (!hasStart && events.size() != 1) {
            problems.add("G2: a stream that never started must have exactly one event, the "
                    + "error; found " + events.size());
        }
        Map<Integer, String> kinds = new HashMap<>();
        Set<Integer> ended = new HashSet<>();
        Map<Integer, StringBuilder> texts = new HashMap<>();
        Map<Integer, ToolCallDelta> lastArguments = new HashMap<>();
        Map<Integer, String> endTexts = new HashMap<>();
        Map<Integer, Map<String, Object>> toolArgs = new HashMap<>();
        int nextIndex = 0;
        int endsAfterLastStart = 0;
        for (StreamEvent event : events) {
            int index = indexOf(event);
            if (index < 0) {
                continue;
            }
            String kind = kindOf(event);
            if (event instanceof TextStart || event instanceof ThinkingStart
                    || event instanceof ToolCallStart) {
                if (index != nextIndex) {
                    problems.add("G4: block " + index + " opened where " + nextIndex
                            + " was next");
                }
                nextIndex = Math.max(nextIndex, index + 1);
                endsAfterLastStart = 0;
                if (kinds.put(index, kind) != null) {
                    problems.add("G3: block " + index + " opened twice");
                }
                texts.put(index, new StringBuilder());
                if (event instanceof ToolCallStart s && (s.id().isEmpty() || s.name().isEmpty())) {
                    problems.add("G9: tool call " + index + " started without id or name");
                }
                continue;
            }
            if (!kind.equals(kinds.get(index))) {
                problems.add("G3: " + name(event) + " for block " + index
                        + " without its start");
                continue;
            }
            if (ended.contains(index)) {
                problems.add("G5: " + name(event) + " for block " + index + " after its end");
                continue;
            }
            if (event instanceof TextDelta d) {
                if (d.delta().isEmpty()) {
                    problems.add("text_delta " + index + " is empty");
                }
                texts.get(index).append(d.delta());
            } else if (event instanceof ThinkingDelta d) {
                texts.get(index).append(d.delta());
            } else if (event instanceof ToolCallDelta d) {
                texts.get(index).append(d.delta());
                // lengths per delta, the text once at the end: comparing every delta's text
                // would cost the square of the arguments' size
                if (d.argumentsLength() != texts.get(index).length()) {
                    problems.add("G10: tool call " + index + " arguments so far differ from the "
                            + "concatenated deltas");
                }
                lastArguments.put(index, d);
            } else {
                ended.add(index);
                endsAfterLastStart++;
                String full = event instanceof TextEnd e ? e.text()
                        : event instanceof ThinkingEnd e ? e.thinking() : null;
                if (full != null) {
                    endTexts.put(index, full);
                    if (!full.equals(texts.get(index).toString())) {
                        problems.add("G8: block " + index + " ends with text that differs from "
                                + "its deltas");
                    }
                } else if (event instanceof ToolCallEnd e) {
                    toolArgs.put(index, e.toolCall().arguments());
                }
            }
        }
        lastArguments.forEach((index, delta) -> {
            if (!delta.argumentsSoFar().equals(texts.get(index).toString())) {
                problems.add("G10: tool call " + index + " arguments so far differ from the "
                        + "concatenated deltas");
            }
        });
        if (last instanceof Done done) {
            for (Integer index : kinds.keySet()) {
                if (!ended.contains(index)) {
                    problems.add("G6: block " + index + " never ended before done");
                }
            }
            checkMessage(done.message(), kinds, texts, problems);
        } else if (last instanceof ErrorEvent error) {
            checkMessage(error.message(), kinds, texts, problems);
        }
        AssistantMessage message = last instanceof Done d ? d.message()
                : last instanceof ErrorEvent e ? e.message() : null;
        if (message != null) {
            usage(message.usage(), prices, problems);
            // a dialect may end a block before the next one starts (an output item that is
            // done); ends after the last start are what a cancel would have emitted
            if (message.stopReason() == StopReason.ABORTED && endsAfterLastStart > 0) {
                problems.add("G7: a cancelled stream closed " + endsAfterLastStart
                        + " block(s)");
            }
        }
        return problems;
    }

    private static void checkMessage(AssistantMessage message, Map<Integer, String> kinds,
            Map<Integer, StringBuilder> texts, List<String> problems) {
        List<AssistantContent> content = message.content();
        if (content.size() != kinds.size()) {
            problems.add("G4: the final message has " + content.size() + " blocks but "
                    + kinds.size() + " were opened");
            return;
        }
        for (int i = 0; i < content.size(); i++) {
            AssistantContent block = content.get(i);
            String kind = kinds.get(i);
            String streamed = texts.get(i) == null ? "" : texts.get(i).toString();
            if (block instanceof TextContent t && (!"text".equals(kind)
                    || !t.text().equals(streamed))) {
                problems.add("G8: final text block " + i + " differs from its stream");
            } else if (block instanceof ThinkingContent t && (!"thinking".equals(kind)
                    || !t.thinking().equals(streamed))) {
                problems.add("G8: final thinking block " + i + " differs from its stream");
            } else if (block instanceof ToolCall && !"toolcall".equals(kind)) {
                problems.add("G4: final block " + i + " is a tool call but streamed as " + kind);
            }
        }
    }

    private static void usage(Usage usage, @Nullable ModelCost prices, List<String> problems) {
        if (usage.reasoning() > usage.output()) {
            problems.add("G13: reasoning tokens exceed output tokens");
        }
        if (prices == null) {
            return;
        }
        double[] expected = {prices.input() * usage.input() / 1e6,
            prices.output() * usage.output() / 1e6, prices.cacheRead() * usage.cacheRead() / 1e6,
            prices.cacheWrite() * usage.cacheWrite() / 1e6};
        double[] actual = {usage.cost().input(), usage.cost().output(), usage.cost().cacheRead(),
            usage.cost().cacheWrite()};
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += actual[i];
            if (Math.abs(expected[i] - actual[i]) > 1e-9) {
                problems.add("G13: cost component " + i + " is " + actual[i] + ", expected "
                        + expected[i]);
            }
        }
        if (Math.abs(sum - usage.cost().total()) > 1e-9) {
            problems.add("G13: cost total is not the sum of its parts");
        }
    }

    private static int indexOf(StreamEvent event) {
        if (event instanceof TextStart e) {
            return e.contentIndex();
        } else if (event instanceof TextDelta e) {
            return e.contentIndex();
        } else if (event instanceof TextEnd e) {
            return e.contentIndex();
        } else if (event instanceof ThinkingStart e) {
            return e.contentIndex();
        } else if (event instanceof ThinkingDelta e) {
            return e.contentIndex();
        } else if (event instanceof ThinkingEnd e) {
            return e.contentIndex();
        } else if (event instanceof ToolCallStart e) {
            return e.contentIndex();
        } else if (event instanceof ToolCallDelta e) {
            return e.contentIndex();
        } else if (event instanceof ToolCallEnd e) {
            return e.contentIndex();
        }
        return -1;
    }

    private static String kindOf(StreamEvent event) {
        String name = event.getClass().getSimpleName();
        if (name.startsWith("Text")) {
            return "text";
        }
        return name.startsWith("Thinking") ? "thinking" : "toolcall";
    }

    private static String name(StreamEvent event) {
        return event.getClass().getSimpleName();
    }
}
