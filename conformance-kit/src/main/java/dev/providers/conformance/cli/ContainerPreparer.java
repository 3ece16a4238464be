package dev.providers.conformance.cli;

import dev.providers.conformance.containers.ContainerSpec;
import dev.providers.conformance.containers.ContainerTarget;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TargetPreparer;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
    private volatile @Nullable ContainerTarget target;
    /** Stops the container before it is ready; set as soon as it exists. */
    private final AtomicReference<@Nullable Runnable> stop = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread hook = new Thread(this::stopOnce, "conformance-container-stop");

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
        // Ctrl-C or a kill must not leave the container running: there is no reaper container
        Runtime.getRuntime().addShutdownHook(hook);
        ContainerTarget started = ContainerTarget.start(spec, model,
                spec.kind().defaultTimeout(), stop::set);
        target = started;
        progress.println("conformance: " + spec.kind().id() + " is up at "
                + started.baseUrl());
        return run.toBuilder().provider(started.providerId()).model(started.modelId())
                .providersDir(started.providersDir()).build();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down (the hook stops the container), or it was never added
        }
        stopOnce();
    }

    /** Stops the container once, whoever asks first: {@link #close} or the shutdown hook. */
    private void stopOnce() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (target != null) {
            target.close();
        } else {
            Runnable early = stop.get();
            if (early != null) {
                early.run();
            }
        }
    }
}
