package dev.providers.conformance.extension;

import dev.providers.conformance.api.Notebook;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.redaction.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the wire traffic of a failed test in the report directory: each attempt's request (URL,
 * headers, body) and raw response (status, headers, body bytes), with every form of every
 * secret of the run's providers replaced by {@code ***} (see {@link Redactor}): a server may
 * echo a key, URL-encoded or JSON-escaped, in its response.
 */
final class Captures {

    private static final Pattern INVOCATION =
            Pattern.compile("\\[test-template-invocation:#(\\d{1,6})]$");

    private Captures() { }

    /** Writes the captures and returns their directory, or empty without a report directory. */
    static Optional<String> write(KitSession session, ExtensionContext context,
            Notebook notebook) {
        Path root = session.reportDir();
        if (root == null || notebook.records().isEmpty()) {
            return Optional.empty();
        }
        Redactor redactor = session.redactor();
        Path dir = root.resolve("captures").resolve(name(context));
        try {
            Files.createDirectories(dir);
            for (StreamRecord record : notebook.records()) {
                String stem = record.label().replace(' ', '-');
                for (WireExchange exchange : record.exchanges()) {
                    String prefix = stem + ".attempt-" + exchange.attempt();
                    StringBuilder request = new StringBuilder("POST ").append(exchange.uri())
                            .append('\n');
                    exchange.requestHeaders().forEach(h -> request.append(h.getKey())
                            .append(": ").append(h.getValue()).append('\n'));
                    request.append('\n').append(new String(exchange.requestBody(),
                            StandardCharsets.UTF_8)).append('\n');
                    Files.writeString(dir.resolve(prefix + ".request.txt"),
                            redactor.redact(request.toString()));
                    StringBuilder response = new StringBuilder("HTTP ")
                            .append(exchange.status()).append('\n');
                    exchange.responseHeaders().forEach(h -> response.append(h.getKey())
                            .append(": ").append(h.getValue()).append('\n'));
                    response.append('\n').append(exchange.responseText());
                    if (exchange.outcome() != null) {
                        response.append("\n[").append(exchange.outcome()).append("]\n");
                    }
                    Files.writeString(dir.resolve(prefix + ".response.txt"),
                            redactor.redact(response.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the captures in " + dir, e);
        }
        return Optional.of(root.relativize(dir).toString());
    }

    private static String name(ExtensionContext context) {
        String cls = context.getTestClass().map(Class::getSimpleName).orElse("test");
        String method = context.getTestMethod().map(m -> m.getName()).orElse("");
        // the invocations of a parameterized test each keep their own
        Matcher invocation = INVOCATION.matcher(context.getUniqueId());
        String suffix = invocation.find() ? "-" + invocation.group(1) : "";
        return (cls + "." + method + suffix).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
