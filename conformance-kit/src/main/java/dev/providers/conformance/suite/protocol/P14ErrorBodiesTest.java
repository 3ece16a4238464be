package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.ProviderUnderTest.Variant;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P14 error bodies")
class P14ErrorBodiesTest {

    /** The engine bounds error text to 4000 characters plus its truncation marker. */
    private static final int MAX_MESSAGE = 4000 + 64;
    /**
     * Random, so that no part of it is ordinary text: the kit masks every run of a key's
     * characters it sends in all it prints, and a key spelled "sk-conformance-..." masked the
     * word "conformance-" in report paths.
     */
    private static final String WRONG_KEY = randomKey();
    private static final Context HELLO = Context.ofUser("Say hello.");

    private static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "sk-" + HexFormat.of().formatHex(bytes);
    }

    @Test
    @Requires(Capability.AUTH)
    @DisplayName("P14a a wrong key is an auth error that never shows the key")
    void wrongKey(ProviderUnderTest provider) {
        ProviderUnderTest wrong = provider.variant(new Variant(Map.of(), WRONG_KEY, null, null,
                null));
        StreamRecord record = wrong.stream(HELLO, StreamOptions.defaults());
        AssistantMessage message = record.await();
        if (message.stopReason().isNormal()) {
            provider.observe("the server accepted a wrong key (auth is not enforced)");
            return;
        }
        rejected(provider, record, message, EnumSet.of(ErrorKind.AUTH));
        assertFalse(message.errorMessage().contains(WRONG_KEY), "the error message shows the "
                + "key");
    }

    @Test
    @DisplayName("P14b a wrong path is a not-found error")
    void wrongPath(ProviderUnderTest provider) {
        ProviderUnderTest wrong = provider.variant(new Variant(Map.of(), null, "/no-such-path",
                null, null));
        StreamRecord record = wrong.stream(HELLO, StreamOptions.defaults());
        AssistantMessage message = record.await();
        if (message.stopReason().isNormal()) {
            provider.observe("the server answered on " + record.last().uri().getPath());
            return;
        }
        rejected(provider, record, message, EnumSet.of(ErrorKind.NOT_FOUND,
                ErrorKind.MODEL_NOT_FOUND, ErrorKind.INVALID_REQUEST, ErrorKind.AUTH));
        if (message.errorKind() == ErrorKind.NOT_FOUND) {
            assertTrue(message.errorMessage().contains(record.last().uri().getRawPath()),
                    "a wrong path's error names the path: " + message.errorMessage());
        }
    }

    @Test
    @DisplayName("P14c an unknown model is rejected, or the acceptance is recorded")
    void unknownModel(ProviderUnderTest provider) {
        ProviderUnderTest wrong = provider.variant(new Variant(Map.of(), null, null, null,
                "conformance-no-such-model-7f3a"));
        StreamRecord record = wrong.stream(HELLO, StreamOptions.defaults());
        AssistantMessage message = record.await();
        if (message.stopReason().isNormal()) {
            provider.observe("the server accepted an unknown model id (it ignores 'model')");
            return;
        }
        rejected(provider, record, message, EnumSet.of(ErrorKind.MODEL_NOT_FOUND,
                ErrorKind.INVALID_REQUEST));
    }

    /** Checks the shape of a rejection: one error event, a bounded message, the right kind. */
    private static void rejected(ProviderUnderTest provider, StreamRecord record,
            AssistantMessage message, Set<ErrorKind> expected) {
        assertEquals(StopReason.ERROR, message.stopReason(), Expect.describe(message));
        int status = record.last().status();
        provider.observe("HTTP " + status + ", " + Expect.describe(message));
        String text = message.errorMessage();
        assertNotNull(text);
        assertTrue(text.length() <= MAX_MESSAGE, "the error message is not bounded: "
                + text.length() + " characters");
        if (status >= 400) {
            assertEquals(1, record.events().size(), "a rejected request is exactly one "
                    + "error event; events: " + record.events());
            assertTrue(record.events(StreamEvent.Start.class).isEmpty(), "no start before "
                    + "a rejection");
            assertTrue(text.startsWith(status + ": "), "the message must read '<status>: "
                    + "<server message>': " + text);
            ErrorKind kind = message.errorKind();
            ErrorKind byView = provider.wire().map(view -> view.errorKind(status, text))
                    .orElse(kindOf(status));
            // a 404 is a missing model when it names the model, else a path not there
            assertTrue(kind == byView || status == 404 && kind == ErrorKind.NOT_FOUND,
                    "HTTP " + status + " → " + kind + ", expected " + byView + ": " + text);
            provider.wire().ifPresent(view -> provider.observe("error body: " + String.join(
                    ", ", view.response(record.last()).framing())));
            if (!expected.contains(message.errorKind())) {
                provider.deviation("the server answered HTTP " + status + " where "
                        + expected + " was expected: " + text);
            }
        } else {
            assertTrue(expected.contains(message.errorKind()), "expected one of " + expected
                    + ": " + Expect.describe(message));
        }
    }

    /**
     * Returns the kind an HTTP status maps to (docs/dialects/openai-completions.md §8.1), for a
     * dialect without a wire view.
     */
    private static ErrorKind kindOf(int status) {
        return switch (status) {
            case 401, 403 -> ErrorKind.AUTH;
            case 404 -> ErrorKind.MODEL_NOT_FOUND;
            case 408 -> ErrorKind.TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMIT;
            default -> status >= 500 ? ErrorKind.SERVER : ErrorKind.INVALID_REQUEST;
        };
    }
}
