package dev.providers.conformance.api;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.Usage;
import java.util.List;
import java.util.Locale;

/**
 * Assertions shared by the suite, with failure messages that say what the endpoint did and,
 * when a known deviation explains it, which compat setting to use.
 */
public final class Expect {

    private Expect() { }

    /**
     * Waits for the stream and asserts it ended normally ({@code done}); on an error, fails
     * with the error kind and message after noting any compat fix the advisor knows.
     */
    public static AssistantMessage answered(ProviderUnderTest provider, StreamRecord record) {
        AssistantMessage message = record.await();
        advise(provider, record, message);
        if (!message.stopReason().isNormal()) {
            throw new AssertionError(record.label() + " ended with " + describe(message)
                    + hint(provider));
        }
        return message;
    }

    /** Asserts {@code answered} and that the answer is STOP or LENGTH with non-empty text. */
    public static AssistantMessage answeredWithText(ProviderUnderTest provider,
            StreamRecord record) {
        AssistantMessage message = answered(provider, record);
        if (message.stopReason() != StopReason.STOP
                && message.stopReason() != StopReason.LENGTH) {
            throw new AssertionError(record.label() + " ended with "
                    + message.stopReason().name().toLowerCase(Locale.ROOT)
                    + ", expected stop or length");
        }
        hasText(record, message);
        return message;
    }

    /** Asserts that the message has at least one non-empty text block. */
    public static void hasText(StreamRecord record, AssistantMessage message) {
        boolean text = message.content().stream().anyMatch(
                b -> b instanceof TextContent t && !t.text().isBlank());
        if (!text) {
            throw new AssertionError(record.label() + " has no non-empty text block; content: "
                    + message.content());
        }
    }

    /**
     * Asserts usage where the provider asks for it (input + cacheRead + cacheWrite > 0, output >
     * 0); where it does not, the grammar check's consistency (G13) is all that is asked. Cache
     * writes count as prompt tokens: a dialect whose input excludes them (Anthropic's) may
     * report a prompt written to the cache in full with no other input.
     */
    public static void usage(ProviderUnderTest provider, StreamRecord record,
            AssistantMessage message) {
        Usage u = message.usage();
        if (provider.expectsUsage()) {
            if (u.input() + u.cacheRead() + u.cacheWrite() <= 0 || u.output() <= 0) {
                boolean none = !record.exchanges().isEmpty() && provider.wire()
                        .map(view -> view.response(record.last()).usage() == null)
                        .orElse(false);
                throw new AssertionError(record.label() + ": the provider asks for usage "
                        + "but the stream reported " + u
                        + (none ? "; the response carried no usage at all" : ""));
            }
        }
    }

    /** Notes the advisor's suggestions for this stream in the provider's notebook. */
    public static void advise(ProviderUnderTest provider, StreamRecord record,
            AssistantMessage message) {
        for (String suggestion : Advisor.suggest(provider, record, message)) {
            provider.suggest(suggestion);
        }
    }

    /** Returns "error (kind): message" or the stop reason. */
    public static String describe(AssistantMessage message) {
        if (message.stopReason().isNormal()) {
            return message.stopReason().name().toLowerCase(Locale.ROOT);
        }
        return message.stopReason().name().toLowerCase(Locale.ROOT) + " ("
                + message.errorKind().name().toLowerCase(Locale.ROOT) + "): "
                + message.errorMessage();
    }

    private static String hint(ProviderUnderTest provider) {
        List<String> suggestions = provider.notebook().suggestions();
        return suggestions.isEmpty() ? "" : "; suggested compat: " + String.join(", ",
                suggestions);
    }
}
