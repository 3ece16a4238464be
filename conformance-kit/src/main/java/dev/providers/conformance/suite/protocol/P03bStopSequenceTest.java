package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P03b stop sequences")
class P03bStopSequenceTest {

    private static final Context COUNT = new Context("You are a helpful assistant.",
            List.of(UserMessage.of("Count from 1 to 10, separated by commas.")), List.of());

    /**
     * Any model will do: the first call shows what the model says, the second stops it at a word
     * of that answer. With temperature 0 most servers repeat themselves; when one does not, the
     * stop sequence must still never appear in the text.
     */
    @Test
    @DisplayName("P03b a stop sequence taken from the model's own answer ends the text before it")
    void stopSequence(ProviderUnderTest provider) {
        String unsupported = provider.wire().map(wire -> wire.stopSequencesUnsupported(
                provider.model())).orElse(null);
        Assumptions.assumeTrue(unsupported == null, unsupported);
        StreamOptions greedy = StreamOptions.builder().temperature(0).maxTokens(64).build();
        AssistantMessage free = Expect.answeredWithText(provider,
                provider.stream(COUNT, greedy));
        String stop = stopWord(free.text());
        Assumptions.assumeTrue(stop != null, "the answer has no second word to stop at: "
                + free.text());

        StreamRecord record = provider.stream(COUNT, greedy.toBuilder()
                .stop(List.of(stop)).build());
        AssistantMessage stopped = Expect.answered(provider, record);
        assertFalse(stopped.text().contains(stop), "the text must end before the stop "
                + "sequence '" + stop + "': " + stopped.text());
        if (stopped.stopReason() != StopReason.STOP) {
            provider.observe("with a stop sequence the stream ended with "
                    + Expect.describe(stopped));
        }
        provider.wire("the stop sequences in the body").ifPresent(wire -> {
            assertEquals(List.of(stop), wire.request(record.last()).stop(),
                    "the body must carry the stop sequence [\"" + stop + "\"]");
            assertEquals(wire.response(record.last()).finishReason(), stopped.rawStopReason(),
                    "rawStopReason is the wire's, verbatim");
        });
        if (!free.text().startsWith(stopped.text())) {
            provider.observe("at temperature 0 the second answer differs from the first");
        }
    }

    /** Returns the second run of letters or digits in the text, the place to stop at. */
    static @Nullable String stopWord(String text) {
        String[] words = text.strip().split("[^\\p{L}\\p{N}]+");
        int seen = 0;
        for (String word : words) {
            if (!word.isEmpty() && ++seen == 2) {
                return word;
            }
        }
        return null;
    }
}
