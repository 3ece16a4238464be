package dev.providers.conformance.wire;

import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.InputKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.ThinkingLevelMap;
import dev.providers.engine.spec.TransportSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Models built in code, with compat flags set on the model, for tests of the wire views. */
final class Models {

    private static final Origin ORIGIN = Origin.ofFile("test");

    private Models() { }

    /** Returns an openai-completions model with these compat flags. */
    static ResolvedModel openAi(Map<String, Object> compat, boolean reasoning) {
        return model("openai-completions", compat, reasoning);
    }

    /** Returns an anthropic-messages model with these compat flags. */
    static ResolvedModel anthropic(Map<String, Object> compat, boolean reasoning) {
        return model("anthropic-messages", compat, reasoning);
    }

    private static ResolvedModel model(String api, Map<String, Object> compat,
            boolean reasoning) {
        Map<String, Origin> origins = new HashMap<>();
        compat.keySet().forEach(flag -> origins.put(flag, ORIGIN));
        ModelSpec model = new ModelSpec("m", "m", null, null, reasoning, Set.of(InputKind.TEXT),
                ModelCost.ZERO, null, null, Map.of(), ThinkingLevelMap.EMPTY,
                new CompatSettings(compat, origins), ORIGIN);
        ProviderSpec provider = new ProviderSpec("p", "p", api,
                URI.create("http://127.0.0.1:1/v1"), null, false, Map.of(), Map.of(), true,
                TransportSettings.DEFAULTS, CompatSettings.NONE, List.of(model), ORIGIN, null);
        return new ResolvedModel(provider, model);
    }
}
