package dev.providers.conformance.extension;

import dev.providers.conformance.api.Notebook;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.redaction.Redactor;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Publishes what a test noted as JUnit report entries, which the kit's reports collect. */
final class Reporting {

    /** Report entry keys. */
    static final String OBSERVATION = "observation";
    static final String DEVIATION = "deviation";
    static final String SUGGESTION = "suggestion";
    static final String ATTEMPTS = "attempts";

    private Reporting() { }

    /** Publishes the notes with every secret redacted: a server may echo one into them. */
    static void publish(ExtensionContext context, Notebook notebook, Redactor redactor) {
        notebook.observations().forEach(o -> context.publishReportEntry(OBSERVATION,
                redactor.redact(o)));
        notebook.deviations().forEach(d -> context.publishReportEntry(DEVIATION,
                redactor.redact(d)));
        for (StreamRecord record : notebook.records()) {
            if (!record.started()) {
                continue;
            }
            record.handle().deviations().forEach(d -> context.publishReportEntry(DEVIATION,
                    redactor.redact(record.label() + ": " + d)));
        }
        notebook.suggestions().forEach(s -> context.publishReportEntry(SUGGESTION,
                redactor.redact(s)));
        String attempts = notebook.attempts();
        if (attempts != null) {
            context.publishReportEntry(ATTEMPTS, redactor.redact(attempts));
        }
    }
}
