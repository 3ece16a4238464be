package dev.providers.conformance.cli;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.config.FileKind;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The dialect JARs of an extensions folder: every {@code *.jar} in it goes on one class loader
 * (so a dialect JAR may bring the libraries it needs as further JARs), and every class its
 * {@code META-INF/services/dev.providers.engine.spi.Dialect} names is created and registered
 * with {@link Dialects}, before any provider file is loaded.
 *
 * <p>Each problem is one line naming the JAR (never a stack trace): a file that is not a JAR, a
 * service entry that is no class name, a class that is missing, is no {@link Dialect}, has no
 * public no-argument constructor or fails in it, an id that another dialect already has or that
 * provider files cannot name, and an unusable compat schema.
 *
 * <p>A folder is loaded once per JVM: dialects cannot be unregistered, so its class loader stays
 * open and a second load of the same folder returns the first one's result.
 *
 * <p>Thread-safety: {@link #load} is synchronized.
 */
final class ExtensionFolder {

    /** The most JARs one folder may hold; the rest are not loaded. */
    static final int MAX_JARS = 256;
    /** The longest service file read. */
    static final int MAX_SERVICE_BYTES = 64 * 1024;

    private static final String SERVICE = "META-INF/services/" + Dialect.class.getName();
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    /** The provider schema's pattern for api ids: a dialect must have a name files can use. */
    private static final Pattern API_ID = Pattern.compile(SchemaCatalog.get()
            .document(SchemaCatalog.PROVIDER_SCHEMA).at("/$defs/api/pattern").asText());
    private static final int MAX_API_LENGTH = 64;
    private static final Map<Path, Loaded> LOADED = new HashMap<>();

    /**
     * One JAR of the folder.
     *
     * @param path the JAR as found in the folder
     * @param dialects the ids of the dialects it added, in service-file order
     */
    record Jar(Path path, List<String> dialects) {

        /** Copies the list. */
        Jar {
            dialects = List.copyOf(dialects);
        }
    }

    /**
     * What loading a folder did.
     *
     * @param folder the folder as named
     * @param jars the JARs that could be opened, in name order
     * @param problems one error per problem, located at the JAR
     */
    record Loaded(Path folder, List<Jar> jars, List<Diagnostic> problems) {

        /** Copies the lists. */
        Loaded {
            jars = List.copyOf(jars);
            problems = List.copyOf(problems);
        }
    }

    private ExtensionFolder() { }

    /** Loads the JARs of a folder (once per JVM); the folder must be a directory. */
    static synchronized Loaded load(Path folder) {
        Path key;
        try {
            key = folder.toRealPath();
        } catch (IOException e) {
            key = folder.toAbsolutePath().normalize();
        }
        Loaded known = LOADED.get(key);
        if (known != null) {
            return known;
        }
        Loaded loaded = new Loader(folder).run();
        LOADED.put(key, loaded);
        return loaded;
    }

    /** One load of one folder. */
    private static final class Loader {

        private final Path folder;
        private final List<Diagnostic> problems = new ArrayList<>();

        Loader(Path folder) {
            this.folder = folder;
        }

        Loaded run() {
            Map<Path, List<String>> services = new LinkedHashMap<>();
            for (Path jar : jars()) {
                List<String> classes = serviceClasses(jar);
                if (classes != null) {
                    services.put(jar, classes);
                }
            }
            if (services.isEmpty()) {
                return new Loaded(folder, List.of(), problems);
            }
            List<URL> urls = new ArrayList<>();
            for (Path jar : services.keySet()) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    problem(jar, "cannot be put on a class path: " + e.getMessage());
                }
            }
            // never closed: the dialects it defines are registered for the rest of the JVM
            ClassLoader loader = new URLClassLoader("extensions", urls.toArray(new URL[0]),
                    Dialect.class.getClassLoader());
            List<Jar> jars = new ArrayList<>();
            services.forEach((jar, classes) -> {
                List<String> added = new ArrayList<>();
                for (String name : classes) {
                    String api = register(jar, name, loader);
                    if (api != null) {
                        added.add(api);
                    }
                }
                jars.add(new Jar(jar, added));
            });
            // stable: each JAR's problems together, in the order they were found
            problems.sort(Comparator.comparing(Diagnostic::source));
            return new Loaded(folder, jars, problems);
        }

        /** Returns the folder's regular {@code *.jar} files in name order, at most MAX_JARS. */
        private List<Path> jars() {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.toLowerCase(Locale.ROOT).endsWith(".jar") && !name.startsWith(".")) {
                        found.add(entry);
                    }
                }
            } catch (IOException e) {
                problem(folder, "cannot be listed: " + e.getMessage());
                return List.of();
            }
            found.sort(null);
            List<Path> jars = new ArrayList<>();
            for (Path entry : found) {
                FileKind kind = FileKind.of(entry);
                if (kind != FileKind.REGULAR) {
                    problem(entry, kind.description());
                } else if (jars.size() == MAX_JARS) {
                    problem(entry, "not loaded: the folder holds more than " + MAX_JARS
                            + " JARs");
                } else {
                    jars.add(entry);
                }
            }
            return jars;
        }

        /**
         * Returns the class names a JAR's service file lists (empty for a library JAR), or null
         * after reporting a JAR that cannot be read.
         */
        private @Nullable List<String> serviceClasses(Path jar) {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                JarEntry entry = file.getJarEntry(SERVICE);
                if (entry == null) {
                    return List.of();
                }
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readNBytes(MAX_SERVICE_BYTES + 1);
                }
                if (bytes.length > MAX_SERVICE_BYTES) {
                    problem(jar, SERVICE + " is larger than 64 KiB");
                    return null;
                }
                List<String> classes = new ArrayList<>();
                String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i];
                    int hash = line.indexOf('#');
                    String name = (hash < 0 ? line : line.substring(0, hash)).strip();
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (!CLASS_NAME.matcher(name).matches()) {
                        problem(jar, SERVICE + " line " + (i + 1) + ": '" + shorten(name)
                                + "' is not a class name");
                    } else if (!classes.contains(name)) {
                        classes.add(name);
                    }
                }
                return classes;
            } catch (IOException | SecurityException e) {
                problem(jar, "is not a readable JAR: " + e.getMessage());
                return null;
            }
        }

        /** Creates and registers one dialect; returns its id, or null after reporting why not. */
        private @Nullable String register(Path jar, String name, ClassLoader loader) {
            Dialect dialect;
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (!Dialect.class.isAssignableFrom(type)) {
                    problem(jar, name + " does not implement " + Dialect.class.getName());
                    return null;
                }
                dialect = (Dialect) type.getConstructor().newInstance();
            } catch (ClassNotFoundException e) {
                problem(jar, "class " + name + ", named in " + SERVICE + ", is in no JAR of "
                        + folder + " and not on the class path");
                return null;
            } catch (NoSuchMethodException | IllegalAccessException e) {
                problem(jar, name + " needs a public no-argument constructor");
                return null;
            } catch (InvocationTargetException e) {
                problem(jar, name + " failed to start: " + e.getCause());
                return null;
            } catch (InstantiationException e) {
                problem(jar, name + " is abstract");
                return null;
            } catch (LinkageError | RuntimeException e) {
                problem(jar, name + " cannot be loaded: " + e);
                return null;
            }
            String api;
            try {
                api = dialect.api();
            } catch (RuntimeException e) {
                problem(jar, name + ".api() failed: " + e);
                return null;
            }
            if (api == null || api.length() > MAX_API_LENGTH || !API_ID.matcher(api).matches()) {
                problem(jar, name + " names its dialect " + (api == null ? "null"
                        : "'" + shorten(api) + "'") + ", which provider files cannot name: "
                        + "use letters, digits, '.', '_' or '-', at most 64");
                return null;
            }
            Optional<Dialect> taken = Dialects.find(api);
            if (taken.isPresent()) {
                problem(jar, name + " is not loaded: dialect '" + api + "' is already "
                        + "provided by " + taken.get().getClass().getName());
                return null;
            }
            try {
                Dialects.register(dialect);
            } catch (IllegalStateException e) {
                problem(jar, name + " is not loaded: " + e.getMessage());
                return null;
            }
            try {
                SchemaCatalog.get().compatSchema(api);
            } catch (IllegalArgumentException e) {
                // registered all the same: files that name it get this error at their compat
                problem(jar, e.getMessage());
            }
            return api;
        }

        private void problem(Path where, String message) {
            problems.add(Diagnostic.error(where.toString(), 0, 0, "", message));
        }

        private static String shorten(String text) {
            return text.length() <= 80 ? text : text.substring(0, 77) + "...";
        }
    }
}
