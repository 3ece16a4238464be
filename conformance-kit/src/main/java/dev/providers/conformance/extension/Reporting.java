package dev.providers.conformance.extension;

import dev.providers.conformance.api.Notebook;
import dev.providers.conformance.api.StreamRecord;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Publishes what a test noted as JUnit report entries, which the kit's reports collect. */
final class Reporting {

    /** Report entry keys. */
    static final String OBSERVATION = "observation";
    static final String DEVIATION = "deviation";
    static final String SUGGESTION = "suggestion";
    static final String ATTEMPTS = "attempts";

    private Reporting() { }

    static void publish(ExtensionContext context, Notebook notebook) {
        notebook.observations().forEach(o -> context.publishReportEntry(OBSERVATION, o));
        notebook.deviations().forEach(d -> context.publishReportEntry(DEVIATION, d));
        for (StreamRecord record : notebook.records()) {
            record.handle().deviations().forEach(d -> context.publishReportEntry(DEVIATION,
                    record.label() + ": " + d));
        }
        notebook.suggestions().forEach(s -> context.publishReportEntry(SUGGESTION, s));
        if (notebook.attempts() != null) {
            context.publishReportEntry(ATTEMPTS, notebook.attempts());
        }
    }
}
