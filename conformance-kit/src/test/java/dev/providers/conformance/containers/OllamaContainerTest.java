package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

/**
 * Starts a real Ollama with a tiny chat model and has one exchange through the engine. Needs a
 * Docker engine and network access (image and model, about 2 GB); skipped with the reason when
 * there is no engine (see {@link DockerCondition}). Run it alone with {@code -Dgroups=containers}.
 */
@Tag("containers")
@ExtendWith(DockerCondition.class)
class OllamaContainerTest {

    /** Qwen2.5 0.5B instruct: a chat model of about 400 MB, small enough for a CPU. */
    private static final String MODEL = "qwen2.5:0.5b";

    @Test
    void oneLineChatThroughTheEngine() throws Exception {
        // the real image and model come from the internet; where no registry is reachable (this
        // project's CI) the stand-in image of ContainersCliTest covers the container path
        Assumptions.assumeTrue(imageIsLocal(ContainerKind.OLLAMA.defaultImage()),
                ContainerKind.OLLAMA.defaultImage() + " is not on this machine; pull it to run "
                        + "this test (it also downloads " + MODEL + ")");
        try (ContainerTarget target = ContainerTarget.start(ContainerSpec.parse("ollama"), MODEL,
                Duration.ofMinutes(15));
                ProviderEngine engine = ProviderEngine.builder()
                        .registry(ProviderLoader.create().load(target.providersDir())
                                .requireValid())
                        .build()) {
            AssistantMessage answer = engine.complete(
                    ModelRef.of(target.providerId(), target.modelId()),
                    Context.ofUser("Reply with one short greeting."),
                    StreamOptions.builder().maxTokens(32).build())
                    .get(5, TimeUnit.MINUTES);

            assertTrue(answer.stopReason() == StopReason.STOP
                    || answer.stopReason() == StopReason.LENGTH,
                    () -> "stop reason " + answer.stopReason() + ": " + answer.errorMessage());
            assertFalse(answer.text().isBlank(), "empty answer from " + target);
        }
    }

    private static boolean imageIsLocal(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
