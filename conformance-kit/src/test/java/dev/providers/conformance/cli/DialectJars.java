package dev.providers.conformance.cli;

import dev.providers.engine.spi.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds dialect JARs the way a user would: Java sources compiled against the engine, a
 * {@code META-INF/services} file, {@code java.util.jar}. The classes live only in the JAR, never
 * on the test class path, so a test sees exactly what the extensions folder adds.
 */
final class DialectJars {

    private DialectJars() { }

    /** Returns the source of a dialect class {@code pkg.Dialect} with this id and schema. */
    static String dialectSource(String pkg, String api, String compatSchema) {
        return "package " + pkg + ";\n"
                + "public final class Dialect implements dev.providers.engine.spi.Dialect {\n"
                + "  public String api() { return \"" + api + "\"; }\n"
                + "  public String compatSchema() { return \"" + compatSchema.replace("\\", "\\\\")
                        .replace("\"", "\\\"").replace("\n", "\\n") + "\"; }\n"
                + "  public dev.providers.engine.spi.DialectModel bind(\n"
                + "      dev.providers.engine.registry.ResolvedModel model) {\n"
                + "    throw new IllegalArgumentException(\"the CLI tests never stream\");\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * Compiles {@code sources} (class name to source) and writes {@code jar} with their classes
     * and a service file listing {@code services}.
     */
    static Path jar(Path jar, Map<String, String> sources, List<String> services)
            throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "javac");
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            compile(classes, files);
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            if (!services.isEmpty()) {
                zip.putNextEntry(new JarEntry("META-INF/services/" + Dialect.class.getName()));
                zip.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new JarEntry(classes.relativize(file).toString()
                            .replace('\\', '/')));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }

    private static void compile(Path classes, List<String> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests need a JDK, not a JRE");
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                location(Dialect.class) + java.io.File.pathSeparator
                        + location(org.jspecify.annotations.Nullable.class),
                "-proc:none", "-nowarn"));
        args.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(new String[0]));
        if (status != 0) {
            throw new IllegalStateException("javac failed (" + status + "): "
                    + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
