/**
 * The built-in {@code anthropic-messages} dialect: Anthropic's Messages API and the servers that
 * imitate it (docs/dialects/anthropic-messages.md), written against the dialect SPI like any
 * other. Nothing here is API.
 */
@NullMarked
package dev.providers.engine.internal.anthropic;

import org.jspecify.annotations.NullMarked;
