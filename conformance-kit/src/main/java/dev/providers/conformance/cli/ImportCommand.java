package dev.providers.conformance.cli;

import dev.providers.conformance.onboarding.ImportException;
import dev.providers.conformance.onboarding.ImportedProvider;
import dev.providers.conformance.onboarding.ModelsDevImporter;
import dev.providers.conformance.onboarding.Omission;
import dev.providers.conformance.onboarding.PiModelsImporter;
import dev.providers.conformance.onboarding.ProviderFileDraft;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conformance import [pi|models.dev] FILE}: writes provider files from pi's
 * {@code models.json} or a copy of models.dev's {@code api.json}, then validates them and reports
 * what was not carried over.
 */
@Command(name = "import",
        description = {"Writes provider files from pi's models.json (`import FILE` or "
                + "`import pi FILE`) or from a downloaded copy of models.dev's api.json "
                + "(`import models.dev FILE --only ID,...`), validates each file written and "
                + "reports, per provider and model, what was not carried over and why. Keys "
                + "are written only as ${ENV_NAME} references.",
            "Exit status: 0 every written file is valid, 1 a file is invalid or was not "
                + "written, 2 usage error or unreadable input."})
final class ImportCommand implements Callable<Integer> {

    private static final String PI = "pi";
    private static final String MODELS_DEV = "models.dev";

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "[pi|models.dev] FILE",
            description = "The input's format (default: pi) and the file.")
    private List<String> arguments = new ArrayList<>();

    @Option(names = "--write", paramLabel = "DIR",
            description = "Where the files go (default: $PROVIDERS_DIR, else ./providers.d).")
    private @Nullable Path writeDir;

    @Option(names = "--only", split = ",", paramLabel = "ID",
            description = "The providers to import (models.dev: required; `all` imports "
                    + "every one; without it the catalog's providers are listed).")
    private List<String> only = new ArrayList<>();

    @Option(names = "--force", description = "Replace files that exist.")
    private boolean force;

    @Mixin
    private ExtensionOptions extensions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String format = arguments.size() == 2 ? arguments.get(0) : PI;
        if (!format.equals(PI) && !format.equals(MODELS_DEV)) {
            err.println("conformance import: unknown format '" + format + "'; known: pi, "
                    + "models.dev");
            return ExitCodes.USAGE;
        }
        Path file = Path.of(arguments.get(arguments.size() - 1));
        Path target = writeDir != null ? writeDir
                : ProvidersDirectory.resolve(null, root.environment()).path();
        // dialect JARs register their dialects, so their compat flags are known and checked
        if (extensions.load(target, err, "import") == null) {
            return ExitCodes.USAGE;
        }
        @Nullable List<ImportedProvider> imported;
        try {
            if (format.equals(MODELS_DEV)) {
                ModelsDevImporter catalog = ModelsDevImporter.read(file);
                if (only.isEmpty()) {
                    catalog.listing().forEach(out::println);
                    err.println("conformance import: choose providers with --only ID,... "
                            + "(--only all imports all " + catalog.providerIds().size() + ")");
                    return ExitCodes.USAGE;
                }
                imported = catalog.importProviders(only);
            } else {
                imported = select(PiModelsImporter.read(file));
            }
        } catch (ImportException e) {
            err.println("conformance import: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            // a value the checks above let through and a draft refused: say so, no stack trace
            err.println("conformance import: " + file + ": cannot import: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (imported == null) {
            return ExitCodes.USAGE;
        }
        boolean failed = false;
        List<Path> written = new ArrayList<>();
        for (ImportedProvider provider : imported) {
            ProviderFileDraft draft = provider.draft();
            if (draft == null) {
                failed = true;
                continue;
            }
            try {
                Path path = draft.writeTo(target, force);
                written.add(path);
                out.println("wrote " + path);
            } catch (FileAlreadyExistsException e) {
                err.println("conformance import: " + target.resolve(draft.fileName())
                        + " exists; not overwritten (--force replaces it)");
                failed = true;
            } catch (IOException e) {
                err.println("conformance import: cannot write " + target.resolve(
                        draft.fileName()) + ": " + e.getMessage());
                failed = true;
            }
        }
        failed |= !validate(written, out);
        report(imported, out);
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Returns the providers --only names (all when none), or null after a usage error. */
    private @Nullable List<ImportedProvider> select(List<ImportedProvider> all) {
        if (only.isEmpty() || only.equals(List.of("all"))) {
            return all;
        }
        List<ImportedProvider> chosen = new ArrayList<>();
        for (String id : only) {
            ImportedProvider match = all.stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElse(null);
            if (match == null) {
                spec.commandLine().getErr().println("conformance import: no provider '" + id
                        + "' in the file; it has: " + String.join(", ",
                        all.stream().map(ImportedProvider::id).toList()));
                return null;
            }
            chosen.add(match);
        }
        return chosen;
    }

    /** Loads each written file over the built-in catalog; returns whether all are valid. */
    private static boolean validate(List<Path> written, PrintWriter out) {
        boolean valid = true;
        for (Path path : written) {
            LoadResult result = ProviderLoader.create().load(List.of(path));
            for (Diagnostic diagnostic : result.diagnostics()) {
                out.println(diagnostic.format());
            }
            valid &= !result.hasErrors();
        }
        if (!written.isEmpty()) {
            out.println(valid ? "valid: " + written.size() + " files"
                    : "invalid: fix the files above, then `conformance validate`");
        }
        return valid;
    }

    private static void report(List<ImportedProvider> imported, PrintWriter out) {
        List<String> omissions = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (ImportedProvider provider : imported) {
            if (provider.draft() == null) {
                omissions.add(provider.id() + ": not imported");
            }
            provider.omissions().stream().map(Omission::format).forEach(omissions::add);
            actions.addAll(provider.actions());
        }
        if (!omissions.isEmpty()) {
            out.println("not carried over:");
            omissions.forEach(line -> out.println("  " + line));
        }
        if (!actions.isEmpty()) {
            out.println("to do:");
            actions.forEach(line -> out.println("  " + line));
        }
    }
}
