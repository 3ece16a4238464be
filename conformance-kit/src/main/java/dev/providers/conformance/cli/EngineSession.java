package dev.providers.conformance.cli;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.ProviderException;
import dev.providers.engine.message.ErrorKind;
import dev.providers.conformance.redaction.ProviderSecrets;
import dev.providers.conformance.redaction.RedactingWriter;
import dev.providers.conformance.redaction.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An engine over the providers directory, for commands that talk to an endpoint, with the
 * provider and model the user named (the provider's first model by default), and the redactor
 * of that provider's secrets for everything the command prints: a server may echo a key into
 * an error, and the command must not show it.
 */
final class EngineSession implements AutoCloseable {

    final ProviderEngine engine;
    final ProviderSpec provider;
    final ModelRef model;
    final Redactor redactor;
    /** Where logins are kept: the default file of the command's environment. */
    final CredentialStore store;
    private final List<RedactingWriter> writers = new ArrayList<>();

    private EngineSession(ProviderEngine engine, ProviderSpec provider, ModelRef model,
            Redactor redactor, CredentialStore store) {
        this.engine = engine;
        this.provider = provider;
        this.model = model;
        this.redactor = redactor;
        this.store = store;
    }

    /**
     * Returns a writer onto {@code console} that redacts the provider's secrets; what it holds
     * back (a possible beginning of a secret) is printed when the session closes.
     */
    PrintWriter redacted(PrintWriter console) {
        RedactingWriter writer = new RedactingWriter(console, redactor);
        writers.add(writer);
        return new PrintWriter(writer, true);
    }

    /** Opens a session, or prints why it cannot and returns null (exit status 2). */
    static @Nullable EngineSession open(RegistryOptions options, String providerId,
            @Nullable String modelId, Map<String, String> environment, PrintWriter err,
            String command) {
        LoadResult result = options.load(environment, err, command);
        if (result == null) {
            return null;
        }
        if (result.hasErrors()) {
            err.println("conformance " + command + ": fix the provider files first");
            return null;
        }
        ProviderRegistry registry = result.registry();
        ProviderSpec provider = registry.provider(providerId).orElse(null);
        if (provider == null) {
            err.println("conformance " + command + ": unknown provider '" + providerId
                    + "'; known providers: " + String.join(", ", registry.providers().stream()
                            .map(ProviderSpec::id).toList()));
            return null;
        }
        String model = modelId != null ? modelId : provider.models().get(0).id();
        ModelRef ref = ModelRef.of(providerId, model);
        try {
            registry.model(ref);
        } catch (IllegalArgumentException e) {
            err.println("conformance " + command + ": " + e.getMessage());
            return null;
        }
        CredentialStore store = CredentialStore.file(CredentialStore.defaultPath(
                environment::get));
        ProviderEngine engine = ProviderEngine.builder().registry(registry)
                .environment(environment::get).credentialStore(store).build();
        // the file's secrets, the stored login's tokens, and whatever the engine fetches
        return new EngineSession(engine, provider, ref, ProviderSecrets.redactor(List.of(
                provider), environment::get, store).and(engine.redactor(providerId)), store);
    }

    /**
     * Returns what the provider's {@code /models} lists, waiting at most a minute.
     *
     * @throws ProviderException when the endpoint fails, with the kind of failure
     */
    List<String> servedModels() throws ProviderException, InterruptedException {
        try {
            return engine.models(provider.id()).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ProviderException p ? p
                    : new ProviderException(ErrorKind.NETWORK, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new ProviderException(ErrorKind.TIMEOUT, "/models did not answer in 60 s");
        }
    }

    @Override
    public void close() {
        for (RedactingWriter writer : writers) {
            try {
                writer.close();
            } catch (IOException e) {
                // the consoles are PrintWriters, which never throw
            }
        }
        engine.close();
    }
}
