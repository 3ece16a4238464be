/**
 * The {@code google-generative-ai} dialect: Google's Gemini API as
 * {@code docs/dialects/google-generative-ai.md} describes it, written against the engine's
 * dialect SPI. Only {@link dev.providers.engine.internal.gemini.GeminiDialect} is visible, to the
 * service loader.
 */
@NullMarked
package dev.providers.engine.internal.gemini;

import org.jspecify.annotations.NullMarked;
