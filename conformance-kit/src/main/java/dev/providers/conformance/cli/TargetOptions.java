package dev.providers.conformance.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --provider}, {@code --model} and {@code --providers-dir}: which endpoint to talk to. */
final class TargetOptions {

    @Mixin
    RegistryOptions registry;

    @Option(names = "--provider", required = true, paramLabel = "ID",
            description = "The provider id.")
    String provider;

    @Option(names = "--model", paramLabel = "M",
            description = "The model id (default: the provider's first model).")
    @Nullable String model;

    /** Opens a session on the chosen provider and model, or prints why not and returns null. */
    @Nullable EngineSession open(Map<String, String> environment, java.io.PrintWriter err,
            String command) {
        return EngineSession.open(registry, provider, model, environment, err, command);
    }
}
