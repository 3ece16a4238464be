package dev.providers.engine.internal.config;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds a registry from the built-in catalog and the parsed user files, applying the overlay
 * rules and the checks that need more than one file.
 *
 * <p>Overlay rules (as pi does it): a user file whose id names a built-in overrides it. Keys the
 * file declares replace the built-in's (headers, query parameters and compat flags merge per
 * name); a {@code models} list replaces the built-in's models, and without one they are kept.
 * A file that changes the built-in's {@code api} starts from no compat flags and must declare
 * its models, since the built-in's were written for the other dialect.
 * Two user files with one id: the first in load order wins and the second is rejected with an
 * error naming both. A rejected file never takes a provider down: an override that fails leaves
 * the built-in in place.
 */
public final class RegistryAssembler {

    /**
     * The outcome of one assembly.
     *
     * @param registry the providers of every accepted file plus the untouched built-ins
     * @param diagnostics the problems found across files (per-file problems are not repeated)
     * @param rejected labels of files rejected at this stage
     */
    public record Assembly(ProviderRegistry registry, List<Diagnostic> diagnostics,
            Set<String> rejected) {

        /** Copies the collections. */
        public Assembly {
            diagnostics = List.copyOf(diagnostics);
            rejected = Collections.unmodifiableSet(new LinkedHashSet<>(rejected));
        }
    }

    private RegistryAssembler() { }

    /**
     * The overlay of one file on its built-in: the spec, or null when rejected, and the problems.
     * It depends only on the file and the built-ins, so callers may keep it while both stay.
     */
    public record Overlay(@Nullable ProviderSpec spec, List<Diagnostic> problems) { }

    /** Assembles built-ins and user files (valid ones, in load order) into a registry. */
    public static Assembly assemble(Map<String, ProviderSpec> builtins, List<ProviderFile> files,
            long generation) {
        return assemble(builtins, files, generation, new IdentityHashMap<>());
    }

    /**
     * Assembles as {@link #assemble(Map, List, long)} does, reusing and filling {@code overlays}
     * (keyed by file identity) so that unchanged files are not overlaid again.
     */
    public static Assembly assemble(Map<String, ProviderSpec> builtins, List<ProviderFile> files,
            long generation, Map<ProviderFile, Overlay> overlays) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<String> rejected = new LinkedHashSet<>();
        Map<String, ProviderFile> claimed = new LinkedHashMap<>();
        Map<String, ProviderSpec> providers = new LinkedHashMap<>(builtins);
        for (ProviderFile file : files) {
            String id = file.id();
            if (id == null) {
                continue;
            }
            ProviderFile first = claimed.putIfAbsent(id, file);
            if (first != null) {
                Origin at = file.idOrigin();
                diagnostics.add(Diagnostic.error(at.source(), at.line(), at.column(), "/id",
                        "provider id '" + id + "' is also declared in " + first.source()
                                + "; each provider lives in exactly one file"));
                rejected.add(file.source());
                continue;
            }
            Overlay overlay = overlays.computeIfAbsent(file, f -> {
                List<Diagnostic> problems = new ArrayList<>();
                ProviderSpec built = overlay(f, builtins.get(id), problems);
                return new Overlay(built, List.copyOf(problems));
            });
            ProviderSpec spec = overlay.spec();
            diagnostics.addAll(overlay.problems());
            if (spec == null) {
                rejected.add(file.source());
                claimed.remove(id);
            } else {
                providers.put(id, spec);
            }
        }
        return new Assembly(ProviderRegistry.of(generation, providers.values()), diagnostics,
                rejected);
    }

    /** Builds a built-in provider from its catalog file. */
    public static ProviderSpec builtin(ProviderFile file) {
        List<Diagnostic> problems = new ArrayList<>();
        ProviderSpec spec = overlay(file, null, problems);
        if (spec == null || problems.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalStateException("built-in catalog file " + file.source()
                    + " is invalid: " + problems);
        }
        return spec;
    }

    private static @Nullable ProviderSpec overlay(ProviderFile file, @Nullable ProviderSpec base,
            List<Diagnostic> problems) {
        ProviderDocument doc = file.document();
        if (doc == null) {
            return null;
        }
        Origin origin = file.idOrigin();
        List<ModelSpec> models = file.models();
        if (models == null) {
            if (base == null) {
                error(problems, file, "/id", "provider '" + doc.id() + "' declares no models, "
                        + "and no built-in provider has that id to take them from");
                return null;
            }
            models = base.models();
        }
        String api = doc.api() != null ? doc.api() : base != null ? base.api() : ApiNames.DEFAULT;
        if (base != null && !api.equals(base.api()) && file.models() == null) {
            error(problems, file, "/api", "api '" + api + "' differs from the api of built-in "
                    + "provider '" + base.id() + "' (" + base.api() + "), whose models and "
                    + "their compat flags are written for it: declare this provider's models");
            return null;
        }
        CompatSettings compat = SpecBinder.compat(doc.compat(), "/compat", file.sourceMap());
        // the credential is one of apiKey, apiKeys and auth: a file that declares one replaces
        // the built-in's, whichever it was
        boolean ownCredential = doc.apiKey() != null || doc.apiKeys() != null
                || doc.auth() != null;
        ProviderSpec inherited = ownCredential ? null : base;
        SecretRef apiKey = ownCredential ? bare(doc.apiKey()) : base == null ? null
                : base.apiKey();
        List<SecretRef> apiKeys = doc.apiKeys() != null
                ? doc.apiKeys().stream().map(SecretRef::readingBareName).toList()
                : inherited == null ? List.of() : inherited.apiKeys();
        AuthSpec auth = doc.auth() != null ? AuthBinder.bind(doc.auth())
                : inherited == null ? null : inherited.auth();
        Map<String, SecretRef> headers = Headers.overlay(base == null ? Map.of()
                : base.headers(), SpecBinder.readingBareNames(doc.headers()));
        boolean hasCredential = apiKey != null || !apiKeys.isEmpty() || auth != null;
        // authHeader left out: an override that changes neither credential nor headers keeps
        // the built-in's; otherwise a credential is sent unless the headers carry it already
        boolean authHeader = doc.authHeader() != null ? doc.authHeader()
                : base != null && !ownCredential && doc.headers() == null ? base.authHeader()
                : AuthHeaderDefault.sends(api, hasCredential, apiKey, headers);
        URI baseUrl = doc.baseUrl() != null ? BaseUrlTemplate.toUri(doc.baseUrl())
                : base == null ? null : base.baseUrl();
        ProviderSpec spec = new ProviderSpec(
                doc.id(),
                doc.name() != null ? doc.name() : base != null ? base.name() : doc.id(),
                api,
                baseUrl,
                apiKey,
                apiKeys,
                auth,
                authHeader,
                headers,
                merge(base == null ? Map.of() : base.queryParams(), doc.queryParams()),
                doc.enabled() != null ? doc.enabled() : base == null || base.enabled(),
                base == null ? transport(doc) : base.transport().overlay(transport(doc)),
                // flags of another dialect mean nothing (or something else) to this one
                base == null || !api.equals(base.api()) ? compat
                        : mergeCompat(base.compat(), compat),
                models,
                origin,
                base == null ? null : base.origin());
        if (baseUrl == null) {
            for (ModelSpec model : models) {
                if (model.baseUrl() == null) {
                    error(problems, file, "/id", "no baseUrl for model '" + model.id()
                            + "': set baseUrl on the provider or on every model");
                    return null;
                }
            }
        }
        if (authHeader && apiKey == null && apiKeys.isEmpty() && auth == null) {
            String at = file.sourceMap().contains("/authHeader") ? "/authHeader" : "/id";
            error(problems, file, at, "authHeader is true but no apiKey, apiKeys or auth is set");
            return null;
        }
        if (Boolean.FALSE.equals(doc.authHeader()) && doc.apiKey() != null
                && !AuthHeaderDefault.carried(api, apiKey, headers)) {
            Origin key = file.sourceMap().keyAt("/apiKey");
            problems.add(Diagnostic.warning(key.source(), key.line(), key.column(), "/apiKey",
                    "apiKey is never sent because authHeader is false and no header carries "
                            + "it; drop 'authHeader: false' or pass the key in headers"));
        }
        for (String declared : List.of("apiKeys", "auth")) {
            boolean present = declared.equals("auth") ? doc.auth() != null
                    : doc.apiKeys() != null;
            if (present && Boolean.FALSE.equals(doc.authHeader())) {
                Origin key = file.sourceMap().keyAt("/" + declared);
                problems.add(Diagnostic.warning(key.source(), key.line(), key.column(),
                        "/" + declared, declared + " is never sent because authHeader is "
                                + "false; drop 'authHeader: false'"));
            }
        }
        return spec;
    }

    private static @Nullable SecretRef bare(@Nullable SecretRef value) {
        return value == null ? null : value.readingBareName();
    }

    private static TransportSettings transport(ProviderDocument doc) {
        ProviderDocument.Timeouts t = doc.timeouts();
        return new TransportSettings(doc.maxRetries(), seconds(doc.maxRetryDelay()),
                t == null ? null : seconds(t.connect()), t == null ? null : seconds(t.headers()),
                t == null ? null : seconds(t.idle()), t == null ? null : seconds(t.total()));
    }

    private static @Nullable Duration seconds(@Nullable Double value) {
        return value == null ? null : Duration.ofNanos(Math.round(value * 1e9));
    }

    private static Map<String, SecretRef> merge(Map<String, SecretRef> base,
            @Nullable Map<String, SecretRef> top) {
        if (top == null || top.isEmpty()) {
            return base;
        }
        Map<String, SecretRef> merged = new LinkedHashMap<>(base);
        merged.putAll(top);
        return merged;
    }

    private static CompatSettings mergeCompat(CompatSettings base, CompatSettings top) {
        if (top.isEmpty()) {
            return base;
        }
        Map<String, Object> values = new LinkedHashMap<>(base.values());
        Map<String, Origin> origins = new LinkedHashMap<>(base.origins());
        values.putAll(top.values());
        origins.putAll(top.origins());
        return new CompatSettings(Collections.unmodifiableMap(values),
                Collections.unmodifiableMap(origins));
    }

    private static void error(List<Diagnostic> problems, ProviderFile file, String pointer,
            String message) {
        Origin at = file.sourceMap().keyAt(pointer);
        problems.add(Diagnostic.error(at.source(), at.line(), at.column(), pointer, message));
    }
}
