/**
 * The built-in {@code openai-responses} dialect: OpenAI's Responses API ({@code POST
 * {baseUrl}/responses}), stateless by default, as OpenAI, Azure OpenAI and open-weight servers
 * (llama.cpp) serve it (docs/dialects/openai-responses.md). Written against the dialect SPI
 * like any other dialect.
 */
@NullMarked
package dev.providers.engine.internal.responses;

import org.jspecify.annotations.NullMarked;
