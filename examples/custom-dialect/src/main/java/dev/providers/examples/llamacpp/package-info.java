/**
 * A worked example of a user dialect: {@code api: llama-cpp-native}, llama.cpp's native
 * streaming endpoint {@code POST /completion}. {@link
 * dev.providers.examples.llamacpp.LlamaCppNativeDialect} is the only public type; the engine
 * finds it through {@code META-INF/services/dev.providers.engine.spi.Dialect}, so the JAR works
 * on the class path of an application that embeds the engine, and in the CLI's
 * {@code extensions/} folder.
 */
@NullMarked
package dev.providers.examples.llamacpp;

import org.jspecify.annotations.NullMarked;
