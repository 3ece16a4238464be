package dev.providers.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.json.MessageJson;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conformance chat}: streams one answer from a provider. */
@Command(name = "chat",
        description = {"Streams one answer. With --format json, prints one JSON object per "
                + "event per line, the last line being the final assistant message.",
            "Exit status: 0 done, 1 error, 2 usage error."})
final class ChatCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Option(names = "--reasoning", paramLabel = "LEVEL",
            description = "Thinking level: off, minimal, low, medium, high, xhigh or max.")
    private String reasoning;

    @Option(names = "--system", paramLabel = "TEXT", description = "The system prompt.")
    private String system;

    @Option(names = "--context", paramLabel = "FILE.json",
            description = "A context to continue: {systemPrompt, messages, tools}.")
    private Path contextFile;

    @Option(names = "--tools", paramLabel = "FILE.json",
            description = "Tools to offer: [{name, description, parameters}].")
    private Path toolsFile;

    @Option(names = "--max-tokens", paramLabel = "N", description = "The output limit.")
    private Integer maxTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature, "
            + "0 to 2.")
    private Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling, 0 to 1.")
    private Double topP;

    @Option(names = "--stop", paramLabel = "TEXT", description = "A stop sequence; repeat the "
            + "option for several.")
    private List<String> stop = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "A sampling seed, for servers "
            + "that honour one.")
    private Long seed;

    @Option(names = "--response-format", paramLabel = "json|SCHEMA.json",
            description = "Ask for JSON: 'json' for any object, or a file with the JSON Schema "
                    + "the answer must match (named after the file), or OpenAI's "
                    + "{name, schema, strict} object.")
    private String responseFormat;

    @Option(names = "--wire", description = "Print the request (secrets masked) and the raw "
            + "response bytes on stderr.")
    private boolean wire;

    /** How long {@code --wire} waits for the connection's end line after the answer. */
    private static final Duration WIRE_END_WAIT = Duration.ofSeconds(2);

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "The user message.")
    private List<String> prompt = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format == OutputFormat.GITHUB) {
            err.println("conformance chat: --format must be text or json");
            return ExitCodes.USAGE;
        }
        Context context;
        StreamOptions options;
        try {
            context = context();
            options = options();
        } catch (IllegalArgumentException | IOException e) {
            err.println("conformance chat: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (context.messages().isEmpty()) {
            err.println("conformance chat: give a PROMPT or a --context with messages");
            return ExitCodes.USAGE;
        }
        try (EngineSession session = target.open(root.environment(), err, "chat")) {
            if (session == null) {
                return ExitCodes.USAGE;
            }
            out = session.redacted(out);
            err = session.redacted(err);
            WirePrinter wirePrinter = wire ? new WirePrinter(err) : null;
            if (wirePrinter != null) {
                options = options.toBuilder().wireObserver(wirePrinter).build();
            }
            StreamListener printer = format == OutputFormat.JSON ? new JsonPrinter(out)
                    : new TextPrinter(out, err);
            StreamHandle handle = session.engine.stream(session.model, context, options,
                    printer);
            AssistantMessage message = handle.result().get(30, TimeUnit.MINUTES);
            if (wirePrinter != null) {
                wirePrinter.awaitEnds(WIRE_END_WAIT); // the connection's end line comes last
            }
            if (format == OutputFormat.JSON) {
                out.println(MessageJson.message(message));
            } else {
                summary(message, err, session.engine.registry().model(session.model)
                        .baseUrl());
            }
            out.flush();
            return message.stopReason().isNormal() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private Context context() throws IOException {
        Context context = new Context(null, List.of(), List.of());
        if (contextFile != null) {
            context = MessageJson.context(Json.MAPPER.readTree(Files.readString(contextFile)));
        }
        if (system != null) {
            context = context.withSystemPrompt(system);
        }
        if (toolsFile != null) {
            JsonNode tools = Json.MAPPER.readTree(Files.readString(toolsFile));
            List<Tool> all = new ArrayList<>(context.tools());
            all.addAll(MessageJson.tools(tools));
            context = context.withTools(all);
        }
        if (!prompt.isEmpty()) {
            context = context.with(UserMessage.of(String.join(" ", prompt)));
        }
        return context;
    }

    private StreamOptions options() throws IOException {
        StreamOptions.Builder builder = StreamOptions.builder();
        if (reasoning != null) {
            builder.reasoning(ThinkingLevel.fromId(reasoning.toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new IllegalArgumentException("--reasoning must be off, "
                            + "minimal, low, medium, high, xhigh or max, was " + reasoning)));
        }
        if (maxTokens != null) {
            builder.maxTokens(maxTokens);
        }
        if (temperature != null) {
            builder.temperature(temperature);
        }
        if (topP != null) {
            builder.topP(topP);
        }
        if (!stop.isEmpty()) {
            builder.stop(stop);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        if (responseFormat != null) {
            builder.responseFormat(ResponseFormats.read(responseFormat));
        }
        return builder.build();
    }

    private static void summary(AssistantMessage m, PrintWriter err, URI baseUrl) {
        if (m.stopReason() == StopReason.ERROR || m.stopReason() == StopReason.ABORTED) {
            err.println("\nerror (" + m.errorKind().name().toLowerCase(Locale.ROOT) + "): "
                    + m.errorMessage());
            BaseUrlHint.of(m.errorKind(), baseUrl).ifPresent(err::println);
            return;
        }
        err.printf("%n(%s · %d in + %d out tokens · $%.6f)%n", MessageJson.stopReason(
                m.stopReason()), m.usage().input() + m.usage().cacheRead()
                + m.usage().cacheWrite(), m.usage().output(), m.usage().cost().total());
    }

    /** Prints the answer as it arrives: text to stdout, thinking and tool calls to stderr. */
    private static final class TextPrinter implements StreamListener {
        private final PrintWriter out;
        private final PrintWriter err;

        TextPrinter(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onTextDelta(StreamEvent.TextDelta event) {
            out.print(event.delta());
            out.flush();
        }

        @Override
        public void onThinkingDelta(StreamEvent.ThinkingDelta event) {
            err.print(event.delta());
            err.flush();
        }

        @Override
        public void onThinkingEnd(StreamEvent.ThinkingEnd event) {
            err.println();
            err.flush();
        }

        @Override
        public void onToolCallEnd(StreamEvent.ToolCallEnd event) {
            out.println("\n[tool call " + event.toolCall().name() + " "
                    + Json.MAPPER.valueToTree(event.toolCall().arguments()) + " id="
                    + event.toolCall().id() + "]");
            out.flush();
        }
    }

    /** Prints one JSON object per event per line. */
    private static final class JsonPrinter implements StreamListener {
        private final PrintWriter out;

        JsonPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onEvent(StreamEvent event) {
            out.println(MessageJson.event(event));
            out.flush();
        }
    }
}
