/** Running the suite through the JUnit Platform Launcher, with live progress. Not API. */
@NullMarked
package dev.providers.conformance.launch;

import org.jspecify.annotations.NullMarked;
