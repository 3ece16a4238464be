package dev.providers.engine.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.providers.engine.ModelRef;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spi.AssemblySink;
import dev.providers.engine.spi.StreamDecoder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The error-body hooks of a dialect's decoder as the engine calls them: what they say is
 * passed on, and a hook that fails or answers nonsense counts as saying nothing, so that the
 * error is still reported by its status.
 */
class ResponseDecoderErrorHooksTest {

    private static ResponseDecoder decoder(StreamDecoder dialect) {
        MessageAssembler assembler = new MessageAssembler(new AssemblyConfig("x",
                ModelRef.of("p", "m"), ModelCost.ZERO, null), 0, event -> { });
        return new ResponseDecoder(assembler, dialect, 1024);
    }

    /** A decoder for these tests: only the hooks matter. */
    private abstract static class Hooks implements StreamDecoder {
        @Override
        public void event(String name, byte[] bytes, int offset, int length,
                AssemblySink sink) { }

        @Override
        public void end(AssemblySink sink) { }
    }

    @Test
    void whatTheHooksSayIsPassedOn() {
        ResponseDecoder decoder = decoder(new Hooks() {
            @Override
            public ErrorKind errorKind(int status, String message, byte[] body) {
                return ErrorKind.AUTH;
            }

            @Override
            public Duration retryDelay(int status, byte[] body) {
                return Duration.ofSeconds(2);
            }
        });
        assertEquals(ErrorKind.AUTH, decoder.errorKind(400, "400: x", new byte[0]));
        assertEquals(Duration.ofSeconds(2), decoder.retryDelay(429, new byte[0]));
    }

    @Test
    void aFailingHookOrANegativeDelayCountsAsNothing() {
        ResponseDecoder decoder = decoder(new Hooks() {
            @Override
            public ErrorKind errorKind(int status, String message, byte[] body) {
                throw new IllegalStateException("a dialect bug");
            }

            @Override
            public Duration retryDelay(int status, byte[] body) {
                return Duration.ofSeconds(-1);
            }
        });
        assertNull(decoder.errorKind(400, "400: x", new byte[0]));
        assertNull(decoder.retryDelay(429, new byte[0]));
        assertNull(decoder(new Hooks() { }).errorKind(400, "400: x", new byte[0]),
                "the defaults say nothing");
    }
}
