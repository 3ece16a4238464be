/** The subcommands of the {@code conformance} command line. Not API. */
@NullMarked
package dev.providers.conformance.cli;

import org.jspecify.annotations.NullMarked;
