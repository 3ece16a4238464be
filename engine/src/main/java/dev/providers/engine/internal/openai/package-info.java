/**
 * Request encoding for the {@code openai-completions} dialect: the chat-completions body, the
 * session-affinity headers and the prompt-size estimate
 * ({@code docs/dialects/openai-completions.md} §3–§4). Not
 * API: only {@link dev.providers.engine.internal.openai.RequestEncoder} and its
 * {@link dev.providers.engine.internal.openai.EncodedRequest} are visible to the transport.
 */
@NullMarked
package dev.providers.engine.internal.openai;

import org.jspecify.annotations.NullMarked;
