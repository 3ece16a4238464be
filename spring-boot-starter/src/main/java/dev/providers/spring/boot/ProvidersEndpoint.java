package dev.providers.spring.boot;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.RegistryChange;
import dev.providers.engine.registry.RegistryRejection;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code providers} ({@code GET /actuator/providers}): the registry in
 * force (its generation and every provider with its dialect, base URL, models and the file it
 * came from), the last reload, the last rejected edit with its located errors, and the problems
 * of the files now. Shows no secret: provider files hold only references to them, and neither
 * keys nor headers are listed.
 */
@Endpoint(id = "providers")
public class ProvidersEndpoint {

    private final RegistrySource source;

    /** Returns the endpoint over this source. */
    public ProvidersEndpoint(RegistrySource source) {
        this.source = source;
    }

    /** Returns the registry in force and the outcome of the last reloads. */
    @ReadOperation
    public Report providers() {
        ProviderRegistry registry = source.get();
        RegistrySource.Reload reload = source.lastReload();
        RegistrySource.Rejection rejection = source.lastRejection();
        return new Report(source.location(), source.live(), registry.generation(),
                registry.providers().stream().map(ProvidersEndpoint::provider).toList(),
                reload == null ? null : reload(reload),
                rejection == null ? null : rejection(rejection),
                source.diagnostics().stream().map(Diagnostic::format).toList());
    }

    private static Provider provider(ProviderSpec spec) {
        return new Provider(spec.id(), spec.name(), spec.api(),
                spec.baseUrl() == null ? null : spec.baseUrl().toString(), spec.enabled(),
                spec.origin().toString(), spec.models().stream().map(ModelSpec::id).toList());
    }

    private static Reload reload(RegistrySource.Reload reload) {
        RegistryChange change = reload.change();
        return new Reload(change.generation(), change.previousGeneration(), change.summary(),
                change.files(), reload.at().toString());
    }

    private static Rejection rejection(RegistrySource.Rejection rejected) {
        RegistryRejection rejection = rejected.rejection();
        return new Rejection(rejection.files(), rejection.diagnostics().stream()
                .map(Diagnostic::format).toList(), rejection.generationInForce(),
                rejected.at().toString());
    }

    /**
     * What the endpoint shows.
     *
     * @param location {@code providers.dir}
     * @param live whether the directory is followed (else a read-only catalog)
     * @param generation the generation in force
     * @param providers every provider, sorted by id
     * @param lastReload the last reload that published a generation, or null
     * @param lastRejection the last reload that rejected files, or null
     * @param diagnostics the problems of the files now, one {@code file:line:col} line each
     */
    public record Report(String location, boolean live, long generation,
            List<Provider> providers, @Nullable Reload lastReload,
            @Nullable Rejection lastRejection, List<String> diagnostics) { }

    /**
     * One provider.
     *
     * @param id its id
     * @param name its display name
     * @param api its dialect
     * @param baseUrl its base URL, or null when every model has its own
     * @param enabled whether it takes requests
     * @param origin the file it was declared in, {@code builtin:<file>} for the catalog
     * @param models its model ids
     */
    public record Provider(String id, String name, String api, @Nullable String baseUrl,
            boolean enabled, String origin, List<String> models) { }

    /**
     * A reload that published a generation.
     *
     * @param generation the generation it published
     * @param previousGeneration the one it replaced
     * @param summary the providers added, changed and removed, e.g. {@code +groq ~ollama}
     * @param files the files involved
     * @param at when it happened (ISO-8601)
     */
    public record Reload(long generation, long previousGeneration, String summary,
            List<String> files, String at) { }

    /**
     * A reload that rejected files.
     *
     * @param files the rejected files
     * @param errors every problem, one {@code file:line:col: error: ...} line each
     * @param generationInForce the generation that stayed in force
     * @param at when it happened (ISO-8601)
     */
    public record Rejection(List<String> files, List<String> errors, long generationInForce,
            String at) { }
}
