package dev.providers.conformance.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Removes the {@code <properties>} block from the legacy JUnit XML reports: the listener writes
 * every JVM system property there, which can hold secrets (a proxy password, a key passed with
 * {@code -D}), and reports must never show one. CI tools need no properties to read results.
 */
final class JUnitXmlProperties {

    private static final Pattern PROPERTIES = Pattern.compile(
            "[ \\t]*<properties>.*?</properties>\\R?", Pattern.DOTALL);

    private JUnitXmlProperties() { }

    /** Strips the system properties from every {@code *.xml} file directly in {@code dir}. */
    static void strip(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path file : files) {
                String xml = Files.readString(file, StandardCharsets.UTF_8);
                String stripped = PROPERTIES.matcher(xml).replaceAll("");
                if (!stripped.equals(xml)) {
                    Files.writeString(file, stripped, StandardCharsets.UTF_8);
                }
            }
        }
    }
}
