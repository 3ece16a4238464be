/**
 * Credentials as data: where stored logins live
 * ({@link dev.providers.engine.auth.CredentialStore}), what a login shows its user
 * ({@link dev.providers.engine.auth.LoginCallbacks}) and whether a provider's credential is
 * ready ({@link dev.providers.engine.auth.CredentialStatus}). The flows themselves are
 * {@code ProviderEngine.login} and {@code logout}.
 */
@NullMarked
package dev.providers.engine.auth;

import org.jspecify.annotations.NullMarked;
