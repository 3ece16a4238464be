package dev.providers.conformance.cli;

import dev.providers.conformance.containers.ContainerSpec;
import dev.providers.conformance.containers.ContainerTarget;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TargetPreparer;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * Starts the server of {@code --container ollama[:IMAGE]} or {@code vllm[:IMAGE]} with
 * Testcontainers and points the run at it: a temporary providers directory holding the catalog
 * entry for that server with the container's URL and the one model it serves.
 */
final class ContainerPreparer implements TargetPreparer {

    private final ContainerSpec spec;
    private final String model;
    private final PrintWriter progress;
    private @Nullable ContainerTarget target;

    ContainerPreparer(ContainerSpec spec, String model, PrintWriter progress) {
        this.spec = spec;
        this.model = model;
        this.progress = progress;
    }

    @Override
    public SuiteRun prepare(SuiteRun run) {
        progress.println("conformance: starting " + spec + " serving " + model
                + " (the first run downloads the image" + (spec.kind().id().equals("ollama")
                ? " and the model" : "") + ")...");
        progress.flush();
        ContainerTarget started = ContainerTarget.start(spec, model,
                spec.kind().defaultTimeout());
        target = started;
        progress.println("conformance: " + spec.kind().id() + " is up at "
                + started.baseUrl());
        return run.toBuilder().provider(started.providerId()).model(started.modelId())
                .providersDir(started.providersDir()).build();
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }
}
