package dev.providers.conformance.launch;

import dev.providers.conformance.redaction.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Makes the legacy JUnit XML reports safe to publish. The {@code <properties>} block goes: the
 * listener writes every JVM system property there, which can hold secrets (a proxy password, a
 * key passed with {@code -D}), and CI tools need none of them to read results. Every form of
 * the run's secrets is redacted from what remains (failure messages, stack traces, report
 * entries), since the listener writes those as the tests threw them.
 */
final class JUnitXmlScrubber {

    private static final Pattern PROPERTIES = Pattern.compile(
            "[ \\t]*<properties>.*?</properties>\\R?", Pattern.DOTALL);

    private JUnitXmlScrubber() { }

    /** Scrubs every {@code *.xml} file directly in {@code dir}. */
    static void scrub(Path dir, Redactor redactor) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path file : files) {
                String xml = Files.readString(file, StandardCharsets.UTF_8);
                String scrubbed = redactor.redact(PROPERTIES.matcher(xml).replaceAll(""));
                if (!scrubbed.equals(xml)) {
                    Files.writeString(file, scrubbed, StandardCharsets.UTF_8);
                }
            }
        }
    }
}
