package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.CompatFlagCases.hello;
import static dev.providers.engine.internal.openai.TestModels.CHAT;

import dev.providers.engine.ResponseFormat;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.Context;
import java.util.List;
import java.util.Map;

/** Golden cases: the caller's options and the max-tokens rule (§3.1 #6, #7, #9, #14). */
final class OptionCases {

    private OptionCases() { }

    static List<GoldenCase> all() {
        Context tools = hello().withTools(List.of(Fixtures.getWeather(), Fixtures.getTime()));
        return List.of(
                new GoldenCase("options-sampling", "{}", CHAT, hello(), StreamOptions.builder()
                        .temperature(0.7).topP(0.9).stop(List.of("END", "\n\n"))
                        .frequencyPenalty(0.5).presencePenalty(-0.5).seed(42)
                        .responseFormat(ResponseFormat.jsonSchema("answer", Fixtures.ordered(
                                "type", "object",
                                "properties", Fixtures.ordered("text",
                                        Fixtures.ordered("type", "string")),
                                "required", List.of("text")), true))
                        .build()),
                options("options-response-format-json-object", hello(),
                        StreamOptions.builder().responseFormat(ResponseFormat.JSON_OBJECT)),
                options("options-response-format-text", hello(),
                        StreamOptions.builder().responseFormat(ResponseFormat.TEXT)),
                options("options-tool-choice-auto", tools,
                        StreamOptions.builder().toolChoice(ToolChoice.AUTO)),
                options("options-tool-choice-none", tools,
                        StreamOptions.builder().toolChoice(ToolChoice.NONE)),
                options("options-tool-choice-required", tools,
                        StreamOptions.builder().toolChoice(ToolChoice.REQUIRED).temperature(0)),
                options("options-tool-choice-function", tools,
                        StreamOptions.builder().toolChoice(ToolChoice.function("get_weather"))),
                options("options-extra-body", hello(), StreamOptions.builder()
                        .temperature(0.2)
                        .extraBody("temperature", 1.5)
                        .extraBody("top_k", 20)
                        .extraBody("chat_template_kwargs", Map.of("enable_thinking", false))
                        .extraBody("stream_options", null)),
                options("max-tokens-caller", hello(), StreamOptions.builder().maxTokens(100)),
                new GoldenCase("max-tokens-clamped-4k-context", "{}",
                        "{id: tiny, maxTokens: 4096, contextWindow: 4096}", hello(),
                        StreamOptions.defaults()),
                new GoldenCase("max-tokens-clamped-to-one", "{}",
                        "{id: tiny, maxTokens: 12, contextWindow: 12}", hello(),
                        StreamOptions.defaults()),
                new GoldenCase("max-tokens-without-context-window", "{}",
                        "{id: open, maxTokens: 2048}", hello(), StreamOptions.defaults()),
                new GoldenCase("max-tokens-none", "{}", "{id: bare}", hello(),
                        StreamOptions.defaults()),
                new GoldenCase("no-system-prompt", "{}", CHAT, Context.ofUser("Hi"),
                        StreamOptions.defaults()),
                new GoldenCase("empty-system-prompt", "{}", CHAT,
                        Context.ofUser("Hi").withSystemPrompt(""), StreamOptions.defaults()));
    }

    private static GoldenCase options(String name, Context context,
            StreamOptions.Builder options) {
        return new GoldenCase(name, "{}", CHAT, context, options.build());
    }
}
