package dev.providers.engine.spi;

/**
 * What the engine offers a decoder.
 *
 * <p>Thread-safety: thread-safe.
 */
public interface DecoderContext {

    /**
     * Returns whether an error text reports a context overflow, by the engine's patterns and the
     * model's; matching takes time linear in the text, which is cut to a few KiB first.
     */
    boolean isOverflow(String message);
}
