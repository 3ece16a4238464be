/**
 * The {@code providers} Maven plugin: {@code providers:validate} checks the provider files of a
 * project and fails the build with located errors (and GitHub annotations in GitHub Actions);
 * {@code providers:conformance} runs the conformance kit against a provider and writes its
 * reports and JUnit XML under {@code target/}.
 */
@NullMarked
package dev.providers.maven;

import org.jspecify.annotations.NullMarked;
