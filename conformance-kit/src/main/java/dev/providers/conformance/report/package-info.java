/** Reports: JUnit XML, JSON, a Markdown compatibility matrix, suggested compat flags. Not API. */
@NullMarked
package dev.providers.conformance.report;

import org.jspecify.annotations.NullMarked;
