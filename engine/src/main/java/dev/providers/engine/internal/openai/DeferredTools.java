package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolResultMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kimi's deferred-tool mode ({@code deferredToolsMode: kimi}): a tool that a tool result "added"
 * leaves the top-level {@code tools} and is announced after that batch of results as
 * {@code {role: system, tools: [...]}}.
 *
 * <p>An added name that the context does not define is skipped (there is nothing to describe);
 * a tool added twice is announced once, after the first batch that adds it.
 *
 * <p>The announcement is Moonshot's message-level tool declaration ({@code messages[].tools}, an
 * extension of the OpenAI message schema), whose rules are: role {@code system}, a non-empty
 * {@code tools} array of standard function definitions, and no {@code content} key at all, not
 * even {@code null} (Kimi K3's dynamic tool loading as its hosts document it; Moonshot's own
 * kimi-code client serialises it the same way, as does pi-ai). So {@link #declaration} carries
 * no content, and grammar tools are degraded to function tools in it. The other message-shape
 * passes leave such a message alone ({@link SameRoleMerge}, {@link SingleSystemMessage},
 * {@link CacheMarkers}).
 *
 * <p>Thread-safety: not thread-safe; one instance serves one request.
 */
final class DeferredTools {

    private final List<Tool> tools;
    private final Map<String, Tool> byName = new LinkedHashMap<>();
    private final Set<String> deferred;
    private final Set<String> announced = new HashSet<>();

    private DeferredTools(List<Tool> tools, Set<String> deferred) {
        this.tools = tools;
        for (Tool tool : tools) {
            byName.putIfAbsent(tool.name(), tool);
        }
        this.deferred = deferred;
    }

    /** Returns the plan for a history; with the mode off, nothing is deferred. */
    static DeferredTools of(boolean kimi, List<Tool> tools, List<Message> history) {
        Set<String> added = new LinkedHashSet<>();
        if (kimi) {
            for (Message message : history) {
                if (message instanceof ToolResultMessage result) {
                    added.addAll(result.addedTools());
                }
            }
        }
        return new DeferredTools(tools, added);
    }

    /** Returns the tools that stay in the top-level {@code tools}, in context order. */
    List<Tool> topLevel() {
        List<Tool> out = new ArrayList<>();
        for (Tool tool : tools) {
            if (!deferred.contains(tool.name())) {
                out.add(tool);
            }
        }
        return out;
    }

    /** Returns the announcement of added tools: a system message with tools and no content. */
    static ObjectNode declaration(List<Tool> added, CompatFlags compat) {
        ObjectNode system = WireJson.object();
        system.put("role", "system");
        system.set("tools", ToolConverter.functions(added, compat));
        return system;
    }

    /** Returns the tools a batch of results adds that were not announced yet. */
    List<Tool> announce(List<ToolResultMessage> batch) {
        List<Tool> out = new ArrayList<>();
        for (ToolResultMessage result : batch) {
            for (String name : result.addedTools()) {
                Tool tool = byName.get(name);
                if (tool != null && deferred.contains(name) && announced.add(name)) {
                    out.add(tool);
                }
            }
        }
        return out;
    }
}
