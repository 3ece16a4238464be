/**
 * Onboarding: turning what a user already has (pi's {@code models.json}, a copy of models.dev's
 * catalog, a probed server) into provider files that validate. Not API.
 *
 * <p>{@link dev.providers.conformance.onboarding.ProviderFileDraft} and
 * {@link dev.providers.conformance.onboarding.ModelDraft} build a provider file key by key, each
 * key with an optional comment saying where its value came from, and render it as YAML that
 * starts with the schema modeline and holds no literal secret: keys and credential headers are
 * written only as {@code ${ENV_NAME}} references. The importers
 * ({@link dev.providers.conformance.onboarding.PiModelsImporter},
 * {@link dev.providers.conformance.onboarding.ModelsDevImporter}) map a foreign format onto
 * drafts and list, per provider and model, what could not be carried over and why.
 */
@NullMarked
package dev.providers.conformance.onboarding;

import org.jspecify.annotations.NullMarked;
