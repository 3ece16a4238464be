package dev.providers.conformance.cli;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TargetPreparer;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Starts the kit's reference server for {@code --provider demo} (or {@code demo-<dialect>}):
 * in-process, on 127.0.0.1, with a fresh random key, and a temporary providers directory holding
 * its provider file (the plain conformant declaration of its dialect, or with the profile's
 * compat fix for {@code --demo-fixed}).
 */
final class DemoPreparer implements TargetPreparer {

    private final Profile profile;
    private final boolean fixed;
    private final PrintWriter progress;
    private @Nullable ReferenceServer server;
    private @Nullable Path directory;

    DemoPreparer(Profile profile, boolean fixed, PrintWriter progress) {
        this.profile = profile;
        this.fixed = fixed;
        this.progress = progress;
    }

    @Override
    public SuiteRun prepare(SuiteRun run) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "sk-demo-" + HexFormat.of().formatHex(random);
        ReferenceServer started = ReferenceServer.start(profile, key);
        server = started;
        directory = Files.createTempDirectory("conformance-demo-");
        Files.writeString(directory.resolve(profile.providerId() + ".yaml"), fixed
                ? profile.fixedProviderYaml(started.baseUrl(), key)
                : profile.providerYaml(started.baseUrl(), key));
        progress.println("conformance: started the reference server (profile " + profile.id()
                + (fixed ? ", with its compat fix" : "") + ") at " + started.baseUrl());
        SuiteRun.Builder demo = run.toBuilder().provider(profile.providerId())
                .providersDir(directory);
        if (!run.configuration().containsKey(ConfigKeys.HANDOFF_MODEL)) {
            // the server's second model stands in for another provider in the handoff test
            demo.configurationParameter(ConfigKeys.HANDOFF_MODEL,
                    profile.providerId() + "/" + Profile.LITE_MODEL);
        }
        return demo.build();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }
}
