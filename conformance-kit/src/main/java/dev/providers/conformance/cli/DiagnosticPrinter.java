package dev.providers.conformance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import java.io.PrintWriter;

/** Prints a load's diagnostics as text, JSON or GitHub annotations. */
final class DiagnosticPrinter {

    private DiagnosticPrinter() { }

    static void print(LoadResult result, OutputFormat format, PrintWriter out) {
        switch (format) {
            case TEXT -> {
                result.diagnostics().forEach(d -> out.println(d.format()));
                out.println(summary(result));
            }
            case GITHUB -> {
                result.diagnostics().forEach(d -> out.println(annotation(d)));
                out.println(summary(result));
            }
            case JSON -> {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("valid", !result.hasErrors());
                ArrayNode files = root.putArray("files");
                result.files().forEach(files::add);
                root.put("errors", result.errorCount());
                root.put("warnings", result.warningCount());
                root.set("diagnostics", Json.diagnostics(result.diagnostics()));
                out.println(Json.pretty(root));
            }
        }
    }

    static String summary(LoadResult result) {
        int files = result.files().size();
        String counts = plural(files, "file") + ", " + plural(result.errorCount(), "error")
                + ", " + plural(result.warningCount(), "warning");
        return result.hasErrors() ? "invalid: " + counts : "valid: " + counts;
    }

    /** Returns a GitHub Actions workflow command for one diagnostic. */
    static String annotation(Diagnostic d) {
        StringBuilder out = new StringBuilder("::").append(d.isError() ? "error" : "warning")
                .append(" file=").append(property(d.source()));
        if (d.line() > 0) {
            out.append(",line=").append(d.line()).append(",col=").append(Math.max(1, d.column()));
        }
        out.append(",title=").append(property("provider file")).append("::");
        String message = d.pointer().isEmpty() ? d.fullMessage()
                : d.pointer() + ": " + d.fullMessage();
        return out.append(data(message)).toString();
    }

    private static String data(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String value) {
        return data(value).replace(":", "%3A").replace(",", "%2C");
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
