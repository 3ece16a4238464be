package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.CompatFlagCases.hello;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.spec.ThinkingLevel;
import java.util.ArrayList;
import java.util.List;

/** Golden cases: every {@code thinkingFormat}, on (medium) and off, plus level mapping. */
final class ThinkingCases {

    private ThinkingCases() { }

    private static final String PLAIN = "{id: thinker, reasoning: true, maxTokens: 8192}";

    static List<GoldenCase> all() {
        List<GoldenCase> cases = new ArrayList<>();
        for (String format : List.of("openai", "openrouter", "deepseek", "together", "zai",
                "qwen", "qwen-chat-template", "string-thinking")) {
            String compat = "{thinkingFormat: " + format + "}";
            cases.add(level("thinking-" + format + "-on", compat, PLAIN, ThinkingLevel.MEDIUM));
            cases.add(level("thinking-" + format + "-off", compat, PLAIN, ThinkingLevel.OFF));
        }
        String kwargs = "{thinkingFormat: chat-template, chatTemplateKwargs: {"
                + "enable_thinking: {$var: thinking.enabled}, "
                + "reasoning_effort: {$var: thinking.effort, omitWhenOff: true}, "
                + "effort_always: {$var: thinking.effort}, "
                + "custom_flag: {nested: [1, 2]}}}";
        cases.add(level("thinking-chat-template-on", kwargs, PLAIN, ThinkingLevel.MEDIUM));
        cases.add(level("thinking-chat-template-off", kwargs, PLAIN, ThinkingLevel.OFF));
        cases.add(level("thinking-chat-template-off-mapped", kwargs,
                "{id: thinker, reasoning: true, thinkingLevelMap: {off: none}}",
                ThinkingLevel.OFF));
        cases.add(level("thinking-chat-template-empty", "{thinkingFormat: chat-template}",
                PLAIN, ThinkingLevel.MEDIUM));
        String args = "{thinkingFormat: baseten, chatTemplateArgs: {"
                + "enable_thinking: {$var: thinking.enabled}}}";
        cases.add(level("thinking-baseten-on", args, PLAIN, ThinkingLevel.MEDIUM));
        cases.add(level("thinking-baseten-off", args, PLAIN, ThinkingLevel.OFF));
        cases.add(level("thinking-baseten-off-mapped", args,
                "{id: thinker, reasoning: true, thinkingLevelMap: {off: none}}",
                ThinkingLevel.OFF));
        String antLing = "{thinkingFormat: ant-ling}";
        cases.add(level("thinking-ant-ling-on", antLing,
                "{id: ling, reasoning: true, thinkingLevelMap: {medium: mid}}",
                ThinkingLevel.MEDIUM));
        cases.add(level("thinking-ant-ling-on-unmapped", antLing, PLAIN, ThinkingLevel.MEDIUM));
        cases.add(level("thinking-ant-ling-off", antLing,
                "{id: ling, reasoning: true, thinkingLevelMap: {off: none, medium: mid}}",
                ThinkingLevel.OFF));
        cases.addAll(mappings());
        return cases;
    }

    /** Cases where {@code thinkingLevelMap} and clamping decide what is sent. */
    private static List<GoldenCase> mappings() {
        return List.of(
                level("thinking-openai-off-mapped", "{}",
                        "{id: thinker, reasoning: true, thinkingLevelMap: {off: none}}",
                        ThinkingLevel.OFF),
                level("thinking-openai-mapped-default", "{}",
                        "{id: qwen, reasoning: true, thinkingLevelMap: "
                                + "{low: default, medium: default, high: default}}",
                        ThinkingLevel.HIGH),
                level("thinking-openai-clamped-up", "{}",
                        "{id: glm, reasoning: true, thinkingLevelMap: {minimal: null}}",
                        ThinkingLevel.MINIMAL),
                level("thinking-openai-xhigh-unsupported", "{}", PLAIN, ThinkingLevel.XHIGH),
                level("thinking-openai-max-mapped", "{}",
                        "{id: glm, reasoning: true, thinkingLevelMap: "
                                + "{minimal: null, low: high, medium: high, high: high, "
                                + "max: max}}",
                        ThinkingLevel.XHIGH),
                level("thinking-openrouter-off-unsupported", "{thinkingFormat: openrouter}",
                        "{id: always, reasoning: true, thinkingLevelMap: {off: null}}",
                        ThinkingLevel.OFF),
                level("thinking-deepseek-mapped", "{thinkingFormat: deepseek}",
                        "{id: deepseek, reasoning: true, thinkingLevelMap: "
                                + "{minimal: null, low: null, medium: null, high: high, "
                                + "max: max}}",
                        ThinkingLevel.MEDIUM),
                level("thinking-zai-no-effort", "{thinkingFormat: zai, "
                        + "supportsReasoningEffort: false}", PLAIN, ThinkingLevel.HIGH),
                level("thinking-non-reasoning", "{thinkingFormat: zai}", TestModels.CHAT,
                        ThinkingLevel.HIGH),
                GoldenCase.of("thinking-not-requested", "{thinkingFormat: zai}", PLAIN,
                        hello()));
    }

    private static GoldenCase level(String name, String compat, String model,
            ThinkingLevel level) {
        return new GoldenCase(name, compat, model, hello(),
                StreamOptions.builder().reasoning(level).build());
    }
}
