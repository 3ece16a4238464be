package dev.providers.engine.registry;

import dev.providers.engine.ModelRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A reload that produced a new generation of the registry: what changed, which files were
 * involved and what it cost.
 *
 * @param registry the new snapshot, now in force
 * @param previousGeneration the generation it replaced
 * @param providersAdded ids of providers that did not exist before, sorted
 * @param providersRemoved ids of providers that no longer exist, sorted
 * @param providersChanged ids of providers whose definition changed, sorted
 * @param modelsAdded models that did not exist before
 * @param modelsRemoved models that no longer exist
 * @param modelsChanged models whose definition changed
 * @param files the files created, modified or deleted since the previous reload
 * @param took how long the reload took, from the first file read to the new snapshot
 * @param filesScanned how many provider files the rescan read
 * @param filesParsed how many of them were parsed and validated (the others did not change)
 */
public record RegistryChange(
        ProviderRegistry registry,
        long previousGeneration,
        List<String> providersAdded,
        List<String> providersRemoved,
        List<String> providersChanged,
        List<ModelRef> modelsAdded,
        List<ModelRef> modelsRemoved,
        List<ModelRef> modelsChanged,
        List<String> files,
        Duration took,
        int filesScanned,
        int filesParsed) {

    /** Copies the lists. */
    public RegistryChange {
        Objects.requireNonNull(registry, "registry");
        providersAdded = List.copyOf(providersAdded);
        providersRemoved = List.copyOf(providersRemoved);
        providersChanged = List.copyOf(providersChanged);
        modelsAdded = List.copyOf(modelsAdded);
        modelsRemoved = List.copyOf(modelsRemoved);
        modelsChanged = List.copyOf(modelsChanged);
        files = List.copyOf(files);
        Objects.requireNonNull(took, "took");
    }

    /** Returns the new generation. */
    public long generation() {
        return registry.generation();
    }

    /**
     * Returns the providers as one line, e.g. {@code +groq ~ollama -old-gateway}; models that
     * changed inside an unchanged provider are not listed (a provider whose models changed is).
     */
    public String summary() {
        StringBuilder out = new StringBuilder();
        providersAdded.forEach(id -> out.append(out.length() == 0 ? "" : " ").append('+').append(id));
        providersChanged.forEach(id -> out.append(out.length() == 0 ? "" : " ").append('~')
                .append(id));
        providersRemoved.forEach(id -> out.append(out.length() == 0 ? "" : " ").append('-')
                .append(id));
        return out.toString();
    }
}
