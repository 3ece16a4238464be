/**
 * The kit's built-in wire views (see {@link dev.providers.conformance.api.WireView}): one class
 * per dialect, each reading that dialect's requests and responses. Not API.
 */
@NullMarked
package dev.providers.conformance.wire;

import org.jspecify.annotations.NullMarked;
