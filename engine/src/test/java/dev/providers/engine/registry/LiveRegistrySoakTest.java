package dev.providers.engine.registry;

import static dev.providers.engine.registry.EventRecorder.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 random operations on a watched directory (create, edit, break, fix, rename, delete,
 * override a built-in, ConfigMap swap). After each settles, the registry must equal what an
 * independent model of the files says, every change event must have arrived in order, and
 * nothing may have been logged as an error.
 */
class LiveRegistrySoakTest {

    private static final int OPERATIONS = 1_000;
    private static final long SEED = 20261121L;

    @TempDir
    Path dir;

    /** What a provider file says, in the terms the test compares. */
    record Expected(String id, String host, List<String> models) {
        String yaml() {
            StringBuilder out = new StringBuilder("id: " + id + "\nbaseUrl: http://" + host
                    + ":1/v1\n");
            if (!models.isEmpty()) {
                out.append("models:\n");
                models.forEach(m -> out.append("  - id: ").append(m).append('\n'));
            }
            return out.toString();
        }
    }

    /**
     * A provider as the registry shows it. The source file is part of it, so that every
     * operation the reloader must see (a rename too) changes what is compared, and the test
     * waits until the reloader has seen it.
     */
    record View(String id, String host, List<String> models, String source) { }

    /** One file's state in the model: its content (valid or not) and its last good version. */
    static final class FileModel {
        Expected content;
        boolean valid;
        Expected lastGood;
    }

    private final Random random = new Random(SEED);
    private final Map<String, FileModel> plain = new TreeMap<>();
    private final Map<String, FileModel> configMap = new TreeMap<>();
    private int counter;

    @Test
    void registryFollowsOneThousandRandomOperations() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        Logger engineLogger = Logger.getLogger("dev.providers");
        engineLogger.addHandler(capture);
        Map<String, ProviderSpec> builtins = ProviderLoader.create().builtinProviders();
        ConfigMap cm = new ConfigMap(dir);
        publishConfigMap(cm, true);
        Mirror mirror = new Mirror();
        Map<String, Integer> counts = new TreeMap<>();
        try (LiveRegistry live = LiveRegistry.builder(dir).debounce(LiveRegistry.MIN_DEBOUNCE)
                .listener(mirror).start()) {
            for (int op = 0; op < OPERATIONS; op++) {
                String name = operation(cm);
                counts.merge(name, 1, Integer::sum);
                Map<String, View> expected = expected(builtins);
                int step = op;
                await(() -> matches(live.current(), expected, builtins), () -> "state after op "
                        + step + " (" + name + "): " + difference(live.current(), expected));
                await(() -> mirror.generation() == live.current().generation(),
                        "the events of op " + step);
                assertEquals(mirror.ids, ids(live.current()), "events replayed = registry");
            }
            assertTrue(mirror.changes > 100, "the soak published " + mirror.changes);
        } finally {
            engineLogger.removeHandler(capture);
        }
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
        System.out.println("soak operations: " + counts);
        for (String kind : List.of("create", "edit", "break", "fix", "rename", "delete",
                "override", "configmap")) {
            assertTrue(counts.getOrDefault(kind, 0) > 20, kind + " ran " + counts.get(kind));
        }
    }

    /** Applies one random operation and returns its name. */
    private String operation(ConfigMap cm) throws IOException {
        int roll = random.nextInt(100);
        List<String> names = new ArrayList<>(plain.keySet());
        if (names.isEmpty() || roll < 15) {
            String name = "f" + counter++ + ".yaml";
            write(name, new Expected("p" + counter++, "h" + counter++, models()), true);
            return "create";
        }
        String name = names.get(random.nextInt(names.size()));
        FileModel file = plain.get(name);
        if (roll < 35) {
            write(name, new Expected(file.content.id(), "h" + counter++, models()), true);
            return "edit";
        }
        if (roll < 48) {
            write(name, new Expected(file.content.id(), "broken", List.of()), false);
            return "break";
        }
        if (roll < 60) {
            List<String> broken = names.stream().filter(n -> !plain.get(n).valid).toList();
            if (broken.isEmpty()) {
                write(name, new Expected(file.content.id(), "h" + counter++, models()), true);
                return "edit";
            }
            String fix = broken.get(random.nextInt(broken.size()));
            write(fix, new Expected(plain.get(fix).content.id(), "h" + counter++, models()),
                    true);
            return "fix";
        }
        if (roll < 70) {
            String target = "r" + counter++ + ".yaml";
            Files.move(dir.resolve(name), dir.resolve(target), StandardCopyOption.ATOMIC_MOVE);
            FileModel moved = plain.remove(name);
            moved.lastGood = moved.valid ? moved.content : null;
            plain.put(target, moved);
            return "rename";
        }
        if (roll < 80) {
            Files.delete(dir.resolve(name));
            plain.remove(name);
            return "delete";
        }
        if (roll < 88) {
            if (plain.containsKey("ollama.yaml") && random.nextBoolean()) {
                Files.delete(dir.resolve("ollama.yaml"));
                plain.remove("ollama.yaml");
            } else {
                write("ollama.yaml", new Expected("ollama", "gpu" + counter++, List.of()), true);
            }
            return "override";
        }
        publishConfigMap(cm, false);
        return "configmap";
    }

    private List<String> models() {
        List<String> models = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            models.add("m" + random.nextInt(5) + "-" + i);
        }
        return models;
    }

    /** Writes a plain file, atomically or in place at random, and updates the model. */
    private void write(String name, Expected content, boolean valid) throws IOException {
        String yaml = valid ? content.yaml()
                : "id: " + content.id() + "\nbaseUrl: [http://broken\n";
        if (random.nextBoolean()) {
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.writeString(dir.resolve(name), yaml);
        }
        FileModel file = plain.computeIfAbsent(name, n -> new FileModel());
        file.content = content;
        file.valid = valid;
        if (valid) {
            file.lastGood = content;
        }
    }

    /** Publishes a new ConfigMap version: keys come and go, values change, some break. */
    private void publishConfigMap(ConfigMap cm, boolean first) throws IOException {
        List<String> files = new ArrayList<>();
        Map<String, FileModel> next = new TreeMap<>();
        for (String key : List.of("cm-a", "cm-b", "cm-c", "cm-d")) {
            if (!first && random.nextInt(4) == 0) {
                continue;
            }
            String name = key + ".yaml";
            boolean valid = first || random.nextInt(6) != 0;
            Expected content = new Expected(key, "cm" + counter++, models());
            FileModel file = new FileModel();
            FileModel before = configMap.get(name);
            file.lastGood = before == null ? null : before.lastGood;
            file.content = content;
            file.valid = valid;
            if (valid) {
                file.lastGood = content;
            }
            files.add(name);
            files.add(valid ? content.yaml() : "id: " + key + "\nmodels: []\n");
            next.put(name, file);
        }
        cm.publish(files);
        configMap.clear();
        configMap.putAll(next);
    }

    /** The providers the files describe (built-ins included), by the rules of the issue. */
    private Map<String, View> expected(Map<String, ProviderSpec> builtins) {
        Map<String, View> out = new HashMap<>();
        for (ProviderSpec builtin : builtins.values()) {
            out.put(builtin.id(), view(builtin));
        }
        List<Map.Entry<String, FileModel>> all = new ArrayList<>(plain.entrySet());
        all.addAll(configMap.entrySet());
        for (Map.Entry<String, FileModel> entry : all) {
            FileModel file = entry.getValue();
            Expected shown = file.valid ? file.content : file.lastGood;
            if (shown == null) {
                continue;
            }
            String source = dir.resolve(entry.getKey()).toString();
            // an override without models keeps the built-in's; with models it replaces them
            List<String> models = builtins.containsKey(shown.id()) && shown.models().isEmpty()
                    ? view(builtins.get(shown.id())).models() : shown.models();
            out.put(shown.id(), new View(shown.id(), shown.host(), models, source));
        }
        return out;
    }

    private static boolean matches(ProviderRegistry registry, Map<String, View> expected,
            Map<String, ProviderSpec> builtins) {
        Map<String, View> actual = new HashMap<>();
        for (ProviderSpec provider : registry.providers()) {
            actual.put(provider.id(), view(provider));
        }
        return actual.equals(expected);
    }

    private static String difference(ProviderRegistry registry, Map<String, View> expected) {
        Map<String, View> actual = new TreeMap<>();
        for (ProviderSpec provider : registry.providers()) {
            actual.put(provider.id(), view(provider));
        }
        StringBuilder out = new StringBuilder();
        Set<String> ids = new HashSet<>(actual.keySet());
        ids.addAll(expected.keySet());
        ids.stream().sorted().forEach(id -> {
            if (!java.util.Objects.equals(actual.get(id), expected.get(id))) {
                out.append("\n  ").append(id).append(": expected ").append(expected.get(id))
                        .append(", registry has ").append(actual.get(id));
            }
        });
        return out.toString();
    }

    private static View view(ProviderSpec provider) {
        return new View(provider.id(), provider.baseUrl().getHost(),
                provider.models().stream().map(ModelSpec::id).toList(),
                provider.origin().source());
    }

    private static Set<String> ids(ProviderRegistry registry) {
        Set<String> ids = new HashSet<>();
        registry.providers().forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** Replays change events onto a set of ids, checking that generations arrive in order. */
    static final class Mirror implements RegistryListener {
        final Set<String> ids = new HashSet<>();
        volatile long generation;
        int changes;

        @Override
        public synchronized void onChange(RegistryChange change) {
            if (change.previousGeneration() != generation) {
                throw new AssertionError("generation " + change.generation() + " follows "
                        + change.previousGeneration() + ", but the last seen was " + generation);
            }
            for (String id : change.providersRemoved()) {
                if (!ids.remove(id)) {
                    throw new AssertionError("removed unknown " + id);
                }
            }
            for (String id : change.providersAdded()) {
                if (!ids.add(id)) {
                    throw new AssertionError("added twice " + id);
                }
            }
            for (String id : change.providersChanged()) {
                if (!ids.contains(id)) {
                    throw new AssertionError("changed unknown " + id);
                }
            }
            generation = change.generation();
            changes++;
        }

        long generation() {
            return generation;
        }
    }
}
