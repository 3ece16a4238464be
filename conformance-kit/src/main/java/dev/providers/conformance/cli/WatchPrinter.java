package dev.providers.conformance.cli;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.registry.RegistryChange;
import dev.providers.engine.registry.RegistryListener;
import dev.providers.engine.registry.RegistryRejection;
import java.io.PrintWriter;

/**
 * Prints one line per reload for {@code validate --watch}:
 * {@code generation 4: +groq ~ollama -old-gateway (38 ms)}, or for each error of a rejected file
 * {@code rejected providers.d/my-llm.yaml:4:3: error: ...; keeping generation 3}.
 */
final class WatchPrinter implements RegistryListener {

    private final PrintWriter out;

    WatchPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onChange(RegistryChange change) {
        String summary = change.summary();
        if (summary.isEmpty()) {
            summary = "no provider changed";
        }
        synchronized (out) {
            out.println("generation " + change.generation() + ": " + summary + " ("
                    + change.took().toMillis() + " ms)");
            out.flush();
        }
    }

    @Override
    public void onRejected(RegistryRejection rejection) {
        synchronized (out) {
            for (Diagnostic d : rejection.diagnostics()) {
                out.println(d.isError()
                        ? "rejected " + d.format() + "; keeping generation "
                                + rejection.generationInForce()
                        : d.format());
            }
            out.flush();
        }
    }
}
