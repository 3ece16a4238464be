package dev.providers.conformance.redaction;

import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the secret values of a provider the way a request does: its {@code apiKey}, every
 * header of the provider and of its models, and its query parameters (base URLs cannot carry
 * credentials: the loader refuses them). For a template such as {@code "Token ${KEY}"} both
 * the whole value and the value of each variable count, since a server may echo either.
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

    /** Returns the provider's secret values; a variable that is not set has none. */
    static List<String> values(ProviderSpec provider,
            Function<String, @Nullable String> environment) {
        List<SecretRef> refs = new ArrayList<>(provider.headers().values());
        refs.addAll(provider.queryParams().values());
        if (provider.apiKey() != null) {
            refs.add(provider.apiKey());
        }
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
