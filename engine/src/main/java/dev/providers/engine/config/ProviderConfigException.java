package dev.providers.engine.config;

import java.util.List;

/** Thrown when provider files must be valid and are not; the message lists every problem. */
public final class ProviderConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    /** Creates the exception for these diagnostics. */
    public ProviderConfigException(List<Diagnostic> diagnostics) {
        super(describe(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Returns every diagnostic, errors and warnings. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String describe(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        StringBuilder out = new StringBuilder("invalid provider files (").append(errors)
                .append(errors == 1 ? " error):" : " errors):");
        for (Diagnostic d : diagnostics) {
            out.append(System.lineSeparator()).append(d.format());
        }
        return out.toString();
    }
}
