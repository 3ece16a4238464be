package dev.providers.conformance.extension;

import dev.providers.conformance.api.Notebook;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireExchange;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the wire traffic of a failed test in the report directory: each attempt's request (URL,
 * headers, body) and raw response (status, headers, body bytes), with every secret value of the
 * provider replaced by {@code ***}.
 */
final class Captures {

    private Captures() { }

    /** Writes the captures and returns their directory, or empty without a report directory. */
    static Optional<String> write(KitSession session, ExtensionContext context,
            Notebook notebook) {
        Path root = session.reportDir();
        if (root == null || notebook.records().isEmpty()) {
            return Optional.empty();
        }
        List<String> secrets = secrets(session.model().provider(),
                session.model().headers());
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
                            scrub(request.toString(), secrets));
                    StringBuilder response = new StringBuilder("HTTP ")
                            .append(exchange.status()).append('\n');
                    exchange.responseHeaders().forEach(h -> response.append(h.getKey())
                            .append(": ").append(h.getValue()).append('\n'));
                    response.append('\n').append(exchange.responseText());
                    if (exchange.outcome() != null) {
                        response.append("\n[").append(exchange.outcome()).append("]\n");
                    }
                    Files.writeString(dir.resolve(prefix + ".response.txt"),
                            scrub(response.toString(), secrets));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the captures in " + dir, e);
        }
        return Optional.of(root.relativize(dir).toString());
    }

    /** Returns the provider's secret values as the process environment resolves them. */
    static List<String> secrets(ProviderSpec provider, Map<String, SecretRef> headers) {
        List<SecretRef> refs = new ArrayList<>(headers.values());
        refs.addAll(provider.queryParams().values());
        if (provider.apiKey() != null) {
            refs.add(provider.apiKey());
        }
        List<String> values = new ArrayList<>();
        for (SecretRef ref : refs) {
            try {
                String value = ref.resolve(System::getenv);
                if (value.length() >= 4) {
                    values.add(value);
                }
            } catch (RuntimeException unset) {
                // an unset variable has no value to leak
            }
        }
        return values;
    }

    static String scrub(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out;
    }

    private static String name(ExtensionContext context) {
        String cls = context.getTestClass().map(Class::getSimpleName).orElse("test");
        String method = context.getTestMethod().map(m -> m.getName()).orElse("");
        return (cls + "." + method).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
