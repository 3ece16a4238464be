package dev.providers.examples.llamacpp;

import dev.providers.engine.StreamHandle;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Records one stream's events and describes them in one line each. */
class Recorder implements StreamListener {

    final List<StreamEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(StreamEvent event) {
        events.add(event);
    }

    /** Waits (bounded) for the stream's final message. */
    AssistantMessage await(StreamHandle handle) throws Exception {
        return handle.result().get(30, TimeUnit.SECONDS);
    }

    /** Returns the events as short lines, such as {@code text_delta 0 Hello}. */
    List<String> lines() {
        return events.stream().map(Recorder::line).toList();
    }

    private static String line(StreamEvent event) {
        if (event instanceof StreamEvent.Start) {
            return "start";
        } else if (event instanceof StreamEvent.TextStart e) {
            return "text_start " + e.contentIndex();
        } else if (event instanceof StreamEvent.TextDelta e) {
            return "text_delta " + e.contentIndex() + " " + e.delta();
        } else if (event instanceof StreamEvent.TextEnd e) {
            return "text_end " + e.contentIndex() + " " + e.text();
        } else if (event instanceof StreamEvent.Done e) {
            return "done " + e.reason();
        } else if (event instanceof StreamEvent.ErrorEvent e) {
            return "error " + e.reason() + " " + e.message().errorKind();
        }
        return event.getClass().getSimpleName();
    }
}
