package dev.providers.conformance.reference;

/**
 * A checked Responses request: the dialect-neutral request the model answers, and what only
 * the Responses wire decides.
 *
 * @param chat the request in the model's terms (its {@code thinking} is whether the model
 *     reasons: a reasoning model does unless asked for effort {@code none})
 * @param summary whether reasoning summaries were asked for ({@code reasoning.summary})
 * @param encrypted whether reasoning items carry encrypted content
 *     ({@code include: ["reasoning.encrypted_content"]})
 */
record ResponsesCall(ChatRequest chat, boolean summary, boolean encrypted) { }
