package dev.providers.engine.internal.watch;

import dev.providers.engine.ModelRef;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The providers and models that differ between two registry snapshots. */
record RegistryDiff(List<String> providersAdded, List<String> providersRemoved,
        List<String> providersChanged, List<ModelRef> modelsAdded, List<ModelRef> modelsRemoved,
        List<ModelRef> modelsChanged) {

    boolean isEmpty() {
        return providersAdded.isEmpty() && providersRemoved.isEmpty()
                && providersChanged.isEmpty();
    }

    static RegistryDiff between(ProviderRegistry before, ProviderRegistry after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<ModelRef> modelsAdded = new ArrayList<>();
        List<ModelRef> modelsRemoved = new ArrayList<>();
        List<ModelRef> modelsChanged = new ArrayList<>();
        for (ProviderSpec old : before.providers()) {
            Optional<ProviderSpec> now = after.provider(old.id());
            if (now.isEmpty()) {
                removed.add(old.id());
                old.models().forEach(m -> modelsRemoved.add(ModelRef.of(old.id(), m.id())));
            } else if (!now.get().equals(old)) {
                changed.add(old.id());
                models(old, now.get(), modelsAdded, modelsRemoved, modelsChanged);
            }
        }
        for (ProviderSpec now : after.providers()) {
            if (before.provider(now.id()).isEmpty()) {
                added.add(now.id());
                now.models().forEach(m -> modelsAdded.add(ModelRef.of(now.id(), m.id())));
            }
        }
        return new RegistryDiff(added, removed, changed, modelsAdded, modelsRemoved,
                modelsChanged);
    }

    private static void models(ProviderSpec old, ProviderSpec now, List<ModelRef> added,
            List<ModelRef> removed, List<ModelRef> changed) {
        Map<String, ModelSpec> before = new LinkedHashMap<>();
        old.models().forEach(m -> before.put(m.id(), m));
        for (ModelSpec model : now.models()) {
            ModelSpec previous = before.remove(model.id());
            if (previous == null) {
                added.add(ModelRef.of(now.id(), model.id()));
            } else if (!previous.equals(model)) {
                changed.add(ModelRef.of(now.id(), model.id()));
            }
        }
        before.keySet().forEach(id -> removed.add(ModelRef.of(old.id(), id)));
    }
}
