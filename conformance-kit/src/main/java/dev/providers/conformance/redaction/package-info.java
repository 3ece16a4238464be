/**
 * Keeps the resolved secrets of the provider under test out of every output of the kit: the
 * console, the reports, the JUnit XML and the captures. Not API.
 */
@NullMarked
package dev.providers.conformance.redaction;

import org.jspecify.annotations.NullMarked;
