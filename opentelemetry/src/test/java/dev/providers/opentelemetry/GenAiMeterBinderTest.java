package dev.providers.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Fixtures;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Usage;
import dev.providers.opentelemetry.micrometer.GenAiMeterBinder;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Micrometer binder against the reference server: the same metric names as OpenTelemetry,
 * the same tag keys on every meter of a name, for an answer, a tool call and an error.
 */
class GenAiMeterBinderTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ReferenceEndpoint endpoint;
    private ProviderEngine engine;

    @BeforeEach
    void start() {
        endpoint = new ReferenceEndpoint();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        endpoint.close();
    }

    private ProviderEngine engine(String key) throws Exception {
        GenAiMeterBinder binder = new GenAiMeterBinder(ReferenceEndpoint.quarterSeconds());
        binder.bindTo(registry);
        engine = ProviderEngine.builder().registry(endpoint.registry(dir, key)).maxRetries(0)
                .observer(binder).build();
        return engine;
    }

    @Test
    void anAnswerAToolCallAndAnErrorAreTimedAndCountedUnderTheConventionsNames()
            throws Exception {
        engine(ReferenceEndpoint.KEY);
        AssistantMessage answer = engine.complete(ReferenceEndpoint.MODEL,
                Context.ofUser("Say hello"), StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
        assertEquals(StopReason.STOP, answer.stopReason(), answer.errorMessage());
        AssistantMessage call = engine.complete(ReferenceEndpoint.MODEL,
                Context.ofUser("What is 15 + 27? Use the math_operation tool.")
                        .withTools(List.of(Fixtures.MATH_OPERATION)),
                StreamOptions.builder().toolChoice(ToolChoice.REQUIRED).build())
                .get(30, TimeUnit.SECONDS);
        assertEquals(StopReason.TOOL_USE, call.stopReason(), call.errorMessage());
        engine.close();
        engine(ReferenceEndpoint.KEY + "-wrong");
        AssistantMessage failed = engine.complete(ReferenceEndpoint.MODEL,
                Context.ofUser("Say hello"), StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
        assertEquals(ErrorKind.AUTH, failed.errorKind());

        // the simple registry also shows each bucket set as a gauge named <meter>.histogram
        Set<String> names = new TreeSet<>();
        registry.getMeters().stream().filter(GenAiMeterBinderTest::recorded)
                .forEach(m -> names.add(m.getId().getName()));
        assertEquals(Set.of("gen_ai.client.operation.duration",
                "gen_ai.client.operation.time_to_first_chunk", "gen_ai.client.token.usage"),
                names);
        for (String name : names) {
            Set<List<String>> keySets = new TreeSet<>((a, b) -> a.toString().compareTo(
                    b.toString()));
            for (Meter meter : registry.find(name).meters().stream()
                    .filter(GenAiMeterBinderTest::recorded).toList()) {
                keySets.add(meter.getId().getTags().stream().map(Tag::getKey).toList());
            }
            assertEquals(1, keySets.size(), name + " has one set of tag keys: " + keySets);
        }

        Timer ok = registry.find("gen_ai.client.operation.duration").tag("error.type", "none")
                .timer();
        assertNotNull(ok);
        assertEquals(2, ok.count(), "the answer and the tool call");
        assertEquals(1.0, ok.totalTime(TimeUnit.SECONDS), 1e-9, "0.5 s each");
        assertEquals("demo", ok.getId().getTag("gen_ai.provider.name"));
        assertEquals("demo-chat", ok.getId().getTag("gen_ai.response.model"));
        Timer auth = registry.find("gen_ai.client.operation.duration").tag("error.type", "auth")
                .timer();
        assertNotNull(auth);
        assertEquals(1, auth.count());
        assertEquals("none", auth.getId().getTag("gen_ai.response.model"));

        Timer firstChunk = registry.find("gen_ai.client.operation.time_to_first_chunk").timer();
        assertEquals(2, firstChunk.count());
        assertEquals(0.5, firstChunk.totalTime(TimeUnit.SECONDS), 1e-9);

        DistributionSummary input = registry.find("gen_ai.client.token.usage")
                .tag("gen_ai.token.type", "input").summary();
        DistributionSummary output = registry.find("gen_ai.client.token.usage")
                .tag("gen_ai.token.type", "output").summary();
        Usage a = answer.usage();
        Usage c = call.usage();
        assertEquals(2, input.count(), "no usage from the failed stream");
        assertEquals(a.input() + a.cacheRead() + a.cacheWrite() + c.input() + c.cacheRead()
                + c.cacheWrite(), input.totalAmount(), 1e-9);
        assertEquals(a.output() + c.output(), output.totalAmount(), 1e-9);
        assertTrue(output.totalAmount() > 0);
        assertNull(registry.find("gen_ai.client.token.usage").tag("error.type", "auth")
                .summary());
    }

    private static boolean recorded(Meter meter) {
        return meter instanceof Timer || meter instanceof DistributionSummary;
    }
}
