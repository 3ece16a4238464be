/**
 * The conformance kit's reference server: an in-process OpenAI-compatible chat-completions
 * endpoint on loopback, serving a deterministic rule-based model, with profiles that reproduce
 * the documented deviations of real servers byte for byte.
 *
 * <p>Public: {@link dev.providers.conformance.reference.ReferenceServer},
 * {@link dev.providers.conformance.reference.Profile} and
 * {@link dev.providers.conformance.reference.RecordedRequest}; everything else is an
 * implementation detail.
 */
@NullMarked
package dev.providers.conformance.reference;

import org.jspecify.annotations.NullMarked;
