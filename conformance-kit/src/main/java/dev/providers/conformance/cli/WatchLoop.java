package dev.providers.conformance.cli;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.LiveRegistry;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a live registry over a directory and prints its reloads until Ctrl-C or interrupt. */
final class WatchLoop {

    private final Path directory;
    private final ProviderLoader loader;
    private final Duration debounce;
    private final PrintWriter out;

    WatchLoop(Path directory, ProviderLoader loader, Duration debounce, PrintWriter out) {
        this.directory = directory;
        this.loader = loader;
        this.debounce = debounce;
        this.out = out;
    }

    int run() {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        WatchPrinter printer = new WatchPrinter(out);
        try (LiveRegistry live = LiveRegistry.builder(directory).loader(loader)
                .debounce(debounce).start()) {
            ProviderRegistry first = live.current();
            synchronized (out) {
                for (Diagnostic d : live.diagnostics()) {
                    out.println(d.format());
                }
                out.println("watching " + directory + ": generation " + first.generation() + ", "
                        + first.providers().size() + " providers, " + first.modelCount()
                        + " models (Ctrl-C stops)");
                out.flush();
            }
            live.addListener(printer);
            // on Ctrl-C the JVM halts once hooks return: let the loop close and say so first
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "conformance-watch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the JVM is already running the hook
                }
            }
        }
        synchronized (out) {
            out.println("stopped watching " + directory);
            out.flush();
        }
        stopped.countDown();
        return ExitCodes.OK;
    }
}
