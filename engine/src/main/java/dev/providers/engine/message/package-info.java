/** Conversation values: context, messages, content blocks, tools, usage and stop reasons. */
@NullMarked
package dev.providers.engine.message;

import org.jspecify.annotations.NullMarked;
