package dev.providers.conformance.redaction;

import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the secret values of a provider the way a request does: its {@code apiKey} and
 * {@code apiKeys}, the secrets of its {@code auth} block, every header of the provider and of its
 * models, and its query parameters (base URLs cannot carry credentials: the loader refuses
 * them); and, given a credential store, the tokens of its stored login. Tokens an engine
 * fetches at run time come from the engine's own live view ({@code ProviderEngine.redactor}).
 * For a template such as {@code "Token ${KEY}"} both the whole value and the value of each
 * variable count, since a server may echo either.
 *
 * <p>Thread-safety: stateless.
 */
public final class ProviderSecrets {

    private ProviderSecrets() { }

    /** Returns a redactor for the secrets of these providers, resolved from the environment. */
    public static Redactor redactor(List<ProviderSpec> providers,
            Function<String, @Nullable String> environment) {
        Set<String> values = new LinkedHashSet<>();
        for (ProviderSpec provider : providers) {
            values.addAll(values(provider, environment));
        }
        return Redactor.of(values);
    }

    /**
     * Returns a redactor for the secrets of these providers, resolved from the environment, and
     * of their logins in {@code store} (access and refresh tokens); a store that cannot be read
     * adds nothing (a run that cannot read it sends none of its tokens).
     */
    public static Redactor redactor(List<ProviderSpec> providers,
            Function<String, @Nullable String> environment, CredentialStore store) {
        Set<String> values = new LinkedHashSet<>();
        for (ProviderSpec provider : providers) {
            values.addAll(values(provider, environment));
            if (provider.auth() != null && provider.auth().needsLogin()) {
                try {
                    store.load(provider.id()).ifPresent(login -> {
                        values.add(login.accessToken());
                        if (login.refreshToken() != null) {
                            values.add(login.refreshToken());
                        }
                    });
                } catch (IOException unreadable) {
                    // nothing stored can be sent either
                }
            }
        }
        return Redactor.of(values);
    }

    /**
     * Returns the secret-capable values of an {@code auth} block: the client's id, secret and
     * extra parameters, and the helper's arguments that read the environment.
     */
    private static List<SecretRef> authSecrets(@Nullable AuthSpec auth) {
        List<SecretRef> refs = new ArrayList<>();
        if (auth instanceof AuthSpec.ClientCredentials client) {
            refs.add(client.clientId());
            refs.add(client.clientSecret());
            refs.addAll(client.extraParams().values());
        } else if (auth instanceof AuthSpec.Device device) {
            refs.add(device.clientId());
            if (device.clientSecret() != null) {
                refs.add(device.clientSecret());
            }
        } else if (auth instanceof AuthSpec.AuthorizationCode code) {
            refs.add(code.clientId());
            if (code.clientSecret() != null) {
                refs.add(code.clientSecret());
            }
        } else if (auth instanceof AuthSpec.Command command) {
            command.command().stream().filter(argument -> !argument.envNames().isEmpty())
                    .forEach(refs::add);
        }
        return refs;
    }

    /** Returns the provider's secret values; a variable that is not set has none. */
    static List<String> values(ProviderSpec provider,
            Function<String, @Nullable String> environment) {
        List<SecretRef> refs = new ArrayList<>(provider.headers().values());
        refs.addAll(provider.queryParams().values());
        if (provider.apiKey() != null) {
            refs.add(provider.apiKey());
        }
        refs.addAll(provider.apiKeys());
        refs.addAll(authSecrets(provider.auth()));
        for (ModelSpec model : provider.models()) {
            refs.addAll(model.headers().values());
        }
        List<String> values = new ArrayList<>();
        for (SecretRef ref : refs) {
            try {
                values.add(ref.resolve(environment));
            } catch (RuntimeException unset) {
                // an unset variable has no value to leak; the others of the template still do
            }
            for (String name : ref.envNames()) {
                String value = environment.apply(name);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}
