/**
 * The seam every wire dialect plugs into: a {@link dev.providers.engine.spi.Dialect} encodes
 * requests for the models of providers whose files name its {@code api}, and decodes their
 * responses into an {@link dev.providers.engine.spi.AssemblySink}, which keeps the event
 * grammar. The built-in dialects are written against this package exactly like yours; register
 * yours with {@code META-INF/services/dev.providers.engine.spi.Dialect} or
 * {@link dev.providers.engine.spi.Dialects#register}.
 *
 * <p>Experimental: this package may change between minor versions while more dialects are
 * written against it.
 */
@NullMarked
package dev.providers.engine.spi;

import org.jspecify.annotations.NullMarked;
