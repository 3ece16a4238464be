package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import dev.providers.engine.internal.config.ProviderDocument.CostDocument;
import dev.providers.engine.internal.config.ProviderDocument.ModelDocument;
import dev.providers.engine.internal.yaml.SourceMap;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.InputKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.ThinkingLevel;
import dev.providers.engine.spec.ThinkingLevelMap;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds schema-valid trees to documents and model specs.
 *
 * <p>Binding uses a strict {@link ObjectReader}: a failure here means the schema and the records
 * have drifted apart, which is a bug in this project, not a problem in the user's file.
 *
 * <p>Thread-safety: immutable; shared.
 */
final class SpecBinder {

    private final ObjectReader reader;

    SpecBinder() {
        SimpleModule secrets = new SimpleModule("secrets")
                .addDeserializer(SecretRef.class, new FromStringDeserializer<>(SecretRef.class) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected SecretRef _deserialize(String value,
                            com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                        return SecretRef.parse(value);
                    }
                });
        this.reader = new ObjectMapper()
                .registerModule(secrets)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readerFor(ProviderDocument.class);
    }

    ProviderDocument bind(JsonNode root) {
        try {
            return reader.readValue(root);
        } catch (IOException e) {
            throw new IllegalStateException("the provider schema and ProviderDocument disagree "
                    + "(a bug): " + e.getMessage(), e);
        }
    }

    List<ModelSpec> models(ProviderDocument document, SourceMap map) {
        List<ModelDocument> declared = document.models();
        if (declared == null) {
            return List.of();
        }
        List<ModelSpec> models = new ArrayList<>(declared.size());
        for (int i = 0; i < declared.size(); i++) {
            models.add(model(declared.get(i), SourceMap.child("/models", i), map));
        }
        return models;
    }

    private static ModelSpec model(ModelDocument d, String pointer, SourceMap map) {
        Set<InputKind> input = EnumSet.noneOf(InputKind.class);
        if (d.input() == null) {
            input.add(InputKind.TEXT);
        } else {
            d.input().forEach(kind -> input.add(InputKind.valueOf(kind.toUpperCase(Locale.ROOT))));
        }
        return new ModelSpec(
                d.id(),
                d.name() == null ? d.id() : d.name(),
                d.api(),
                d.baseUrl() == null ? null : BaseUrlTemplate.toUri(d.baseUrl()),
                Boolean.TRUE.equals(d.reasoning()),
                input,
                cost(d.cost()),
                d.contextWindow(),
                d.maxTokens(),
                readingBareNames(d.headers()),
                thinkingLevels(d.thinkingLevelMap()),
                compat(d.compat(), pointer + "/compat", map),
                map.valueAt(pointer));
    }

    /** Returns header values read as pi reads them (see {@link SecretRef#readingBareName()}). */
    static Map<String, SecretRef> readingBareNames(@Nullable Map<String, SecretRef> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, SecretRef> read = new LinkedHashMap<>();
        headers.forEach((name, value) -> read.put(name, value.readingBareName()));
        return Collections.unmodifiableMap(read);
    }

    static CompatSettings compat(@Nullable JsonNode compat, String pointer, SourceMap map) {
        if (compat == null || compat.isEmpty()) {
            return CompatSettings.NONE;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = compat.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object value = JsonValues.toJava(e.getValue());
            if (value != null) {
                values.put(e.getKey(), value);
                origins.put(e.getKey(), map.keyAt(SourceMap.child(pointer, e.getKey())));
            }
        }
        return new CompatSettings(Collections.unmodifiableMap(values),
                Collections.unmodifiableMap(origins));
    }

    private static ModelCost cost(@Nullable CostDocument cost) {
        if (cost == null) {
            return ModelCost.ZERO;
        }
        return new ModelCost(orZero(cost.input()), orZero(cost.output()),
                orZero(cost.cacheRead()), orZero(cost.cacheWrite()));
    }

    private static double orZero(@Nullable Double value) {
        return value == null ? 0 : value;
    }

    private static ThinkingLevelMap thinkingLevels(@Nullable Map<String, @Nullable String> map) {
        if (map == null || map.isEmpty()) {
            return ThinkingLevelMap.EMPTY;
        }
        Map<ThinkingLevel, @Nullable String> levels = new EnumMap<>(ThinkingLevel.class);
        map.forEach((key, value) -> levels.put(ThinkingLevel.fromId(key).orElseThrow(
                () -> new IllegalStateException("schema allowed thinking level " + key)), value));
        return ThinkingLevelMap.of(levels);
    }
}
