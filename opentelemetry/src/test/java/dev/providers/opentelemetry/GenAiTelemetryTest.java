package dev.providers.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.api.Fixtures;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans and metrics of streams answered by the kit's reference server, read back from the
 * OpenTelemetry SDK's in-memory exporters: a streamed answer, a tool call with the prompts and
 * completions opted in, and an error.
 */
class GenAiTelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private OpenTelemetrySdk sdk;
    private ReferenceEndpoint endpoint;
    private ProviderEngine engine;

    @BeforeEach
    void start() {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics)
                        .build())
                .build();
        endpoint = new ReferenceEndpoint();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        endpoint.close();
        sdk.close();
    }

    private ProviderEngine engine(String key, boolean captureContent) throws Exception {
        engine = ProviderEngine.builder().registry(endpoint.registry(dir, key)).maxRetries(0)
                .observer(GenAiTelemetry.builder(sdk).captureContent(captureContent)
                        .ticker(ReferenceEndpoint.quarterSeconds()).build())
                .build();
        return engine;
    }

    @Test
    void aStreamedAnswerIsAChatSpanUnderTheCurrentSpanWithItsUsageAndMetrics()
            throws Exception {
        engine(ReferenceEndpoint.KEY, false);
        Span parent = sdk.getTracer("test").spanBuilder("handle request").startSpan();
        AssistantMessage answer;
        try (Scope scope = parent.makeCurrent()) {
            answer = engine.stream(ReferenceEndpoint.MODEL, Context.ofUser("Say hello"),
                    StreamOptions.builder().temperature(0.0).maxTokens(50).build())
                    .result().get(30, TimeUnit.SECONDS);
        } finally {
            parent.end();
        }
        assertEquals(StopReason.STOP, answer.stopReason(), answer.errorMessage());
        Usage usage = answer.usage();
        assertTrue(usage.totalTokens() > 0, "the reference server reports usage");

        SpanData span = span("chat demo-chat");
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        Attributes attributes = span.getAttributes();
        assertEquals("chat", attributes.get(AttributeKey.stringKey("gen_ai.operation.name")));
        assertEquals("demo", attributes.get(AttributeKey.stringKey("gen_ai.provider.name")));
        assertEquals("demo-chat", attributes.get(AttributeKey.stringKey("gen_ai.request.model")));
        assertEquals("demo-chat", attributes.get(AttributeKey.stringKey(
                "gen_ai.response.model")));
        assertNotNull(answer.responseId());
        assertEquals(answer.responseId(), attributes.get(AttributeKey.stringKey(
                "gen_ai.response.id")));
        assertEquals(List.of("stop"), attributes.get(AttributeKey.stringArrayKey(
                "gen_ai.response.finish_reasons")));
        assertEquals(usage.input() + usage.cacheRead() + usage.cacheWrite(),
                attributes.get(AttributeKey.longKey("gen_ai.usage.input_tokens")));
        assertEquals(usage.output(), attributes.get(AttributeKey.longKey(
                "gen_ai.usage.output_tokens")));
        assertEquals(0.0, attributes.get(AttributeKey.doubleKey("gen_ai.request.temperature")));
        assertEquals(50L, attributes.get(AttributeKey.longKey("gen_ai.request.max_tokens")));
        assertEquals(true, attributes.get(AttributeKey.booleanKey("gen_ai.request.stream")));
        assertEquals(0.25, attributes.get(AttributeKey.doubleKey(
                "gen_ai.response.time_to_first_chunk")));
        assertEquals("127.0.0.1", attributes.get(AttributeKey.stringKey("server.address")));
        assertEquals((long) endpoint.server.baseUrl().getPort(),
                attributes.get(AttributeKey.longKey("server.port")));
        assertNull(attributes.get(AttributeKey.stringKey("error.type")));
        assertNull(attributes.get(AttributeKey.stringKey("gen_ai.input.messages")),
                "prompts are recorded only when opted in");
        assertNull(attributes.get(AttributeKey.stringKey("gen_ai.output.messages")));

        Map<String, MetricData> byName = metrics();
        assertEquals(List.of("gen_ai.client.operation.duration",
                "gen_ai.client.operation.time_to_first_chunk", "gen_ai.client.token.usage"),
                List.copyOf(byName.keySet()));
        HistogramPointData duration = onlyPoint(byName.get("gen_ai.client.operation.duration"));
        assertEquals("s", byName.get("gen_ai.client.operation.duration").getUnit());
        assertEquals(1, duration.getCount());
        assertEquals(0.5, duration.getSum(), 1e-9, "start, first chunk and end, 0.25 s apart");
        assertEquals(Attributes.builder().put("gen_ai.operation.name", "chat")
                .put("gen_ai.provider.name", "demo").put("gen_ai.request.model", "demo-chat")
                .put("gen_ai.response.model", "demo-chat").put("server.address", "127.0.0.1")
                .put("server.port", (long) endpoint.server.baseUrl().getPort()).build(),
                duration.getAttributes());
        assertEquals(List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
                20.48, 40.96, 81.92), duration.getBoundaries());
        HistogramPointData firstChunk = onlyPoint(byName.get(
                "gen_ai.client.operation.time_to_first_chunk"));
        assertEquals(0.25, firstChunk.getSum(), 1e-9);
        Map<String, Double> tokens = tokensByType(byName.get("gen_ai.client.token.usage"));
        assertEquals(Map.of("input", (double) (usage.input() + usage.cacheRead()
                + usage.cacheWrite()), "output", (double) usage.output()), tokens);
        assertEquals("{token}", byName.get("gen_ai.client.token.usage").getUnit());
    }

    @Test
    void aToolCallEndsWithItsFinishReasonAndTheOptedInPromptsAndCompletions()
            throws Exception {
        engine(ReferenceEndpoint.KEY, true);
        Context context = new Context("You are a calculator.", List.of(), List.of())
                .with(UserMessage.of(
                        "What is 15 + 27? Use the math_operation tool."))
                .withTools(List.of(Fixtures.MATH_OPERATION));
        AssistantMessage answer = engine.complete(ReferenceEndpoint.MODEL, context,
                StreamOptions.builder().toolChoice(ToolChoice.REQUIRED).build())
                .get(30, TimeUnit.SECONDS);
        assertEquals(StopReason.TOOL_USE, answer.stopReason(), answer.errorMessage());
        ToolCall call = answer.toolCalls().get(0);
        assertEquals("math_operation", call.name());

        Attributes attributes = span("chat demo-chat").getAttributes();
        assertEquals(List.of("tool_calls"), attributes.get(AttributeKey.stringArrayKey(
                "gen_ai.response.finish_reasons")));
        JsonNode system = JSON.readTree(attributes.get(AttributeKey.stringKey(
                "gen_ai.system_instructions")));
        assertEquals("You are a calculator.", system.at("/0/content").asText());
        JsonNode input = JSON.readTree(attributes.get(AttributeKey.stringKey(
                "gen_ai.input.messages")));
        assertEquals("user", input.at("/0/role").asText());
        assertEquals("text", input.at("/0/parts/0/type").asText());
        assertEquals("What is 15 + 27? Use the math_operation tool.",
                input.at("/0/parts/0/content").asText());
        JsonNode output = JSON.readTree(attributes.get(AttributeKey.stringKey(
                "gen_ai.output.messages")));
        assertEquals("assistant", output.at("/0/role").asText());
        assertEquals("tool_calls", output.at("/0/finish_reason").asText());
        JsonNode part = output.at("/0/parts/0");
        assertEquals("tool_call", part.get("type").asText());
        assertEquals(call.id(), part.get("id").asText());
        assertEquals("math_operation", part.get("name").asText());
        assertEquals("add", part.at("/arguments/operation").asText());
        assertEquals(15, part.at("/arguments/a").asInt());
        assertEquals(27, part.at("/arguments/b").asInt());

        Map<String, MetricData> byName = metrics();
        assertEquals(1, onlyPoint(byName.get("gen_ai.client.operation.duration")).getCount());
        assertEquals(0.25, onlyPoint(byName.get("gen_ai.client.operation.time_to_first_chunk"))
                .getSum(), 1e-9, "a tool call's start is its first chunk");
        assertEquals(2, tokensByType(byName.get("gen_ai.client.token.usage")).size());
    }

    @Test
    void anErrorSetsErrorTypeAndStatusWithoutTheKeyAndRecordsNoTokens() throws Exception {
        String wrongKey = "sk-wrong-key-9876543210";
        engine(wrongKey, false);
        AssistantMessage answer = engine.complete(ReferenceEndpoint.MODEL,
                Context.ofUser("Say hello"), StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
        assertEquals(ErrorKind.AUTH, answer.errorKind(), answer.errorMessage());

        SpanData span = span("chat demo-chat");
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertTrue(span.getStatus().getDescription().contains("401"),
                span.getStatus().getDescription());
        assertFalse(span.toString().contains(wrongKey), "no secret in the span: " + span);
        Attributes attributes = span.getAttributes();
        assertEquals("auth", attributes.get(AttributeKey.stringKey("error.type")));
        assertNull(attributes.get(AttributeKey.stringKey("gen_ai.response.model")),
                "no response arrived");
        assertNull(attributes.get(AttributeKey.longKey("gen_ai.usage.input_tokens")));

        Map<String, MetricData> byName = metrics();
        assertEquals(List.of("gen_ai.client.operation.duration"), List.copyOf(byName.keySet()),
                "no chunk and no usage: only the duration");
        HistogramPointData duration = onlyPoint(byName.get("gen_ai.client.operation.duration"));
        assertEquals("auth", duration.getAttributes().get(AttributeKey.stringKey("error.type")));
        assertEquals(0.25, duration.getSum(), 1e-9, "start and end, 0.25 s apart");
    }

    private SpanData span(String name) {
        List<SpanData> chats = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("chat ")).toList();
        assertEquals(1, chats.size(), () -> "one chat span: " + chats);
        assertEquals(name, chats.get(0).getName());
        return chats.get(0);
    }

    private Map<String, MetricData> metrics() {
        Map<String, MetricData> byName = new TreeMap<>();
        for (MetricData metric : metrics.collectAllMetrics()) {
            byName.put(metric.getName(), metric);
        }
        return byName;
    }

    private static HistogramPointData onlyPoint(MetricData metric) {
        Collection<HistogramPointData> points = metric.getHistogramData().getPoints();
        assertEquals(1, points.size(), () -> metric.getName() + ": " + points);
        return points.iterator().next();
    }

    private static Map<String, Double> tokensByType(MetricData metric) {
        Map<String, Double> sums = new TreeMap<>();
        for (HistogramPointData point : metric.getHistogramData().getPoints()) {
            assertEquals(1, point.getCount());
            sums.put(point.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type")),
                    point.getSum());
        }
        return sums;
    }
}
