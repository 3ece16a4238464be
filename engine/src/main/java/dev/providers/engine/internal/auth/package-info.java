/**
 * The engine's credential machinery: token caches, key pools, credential helpers, OAuth 2 token
 * requests and login flows, the credential file. Not API.
 */
@NullMarked
package dev.providers.engine.internal.auth;

import org.jspecify.annotations.NullMarked;
