package dev.providers.conformance.cli;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TargetPreparer;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
 * compat fix for {@code --demo-fixed}). For {@code --fix} with {@code --providers-dir DIR} the
 * file goes to DIR and stays there, so that the fixed file can be read after the run; a file of
 * that name which the kit did not write is never replaced.
 */
final class DemoPreparer implements TargetPreparer {

    private final Profile profile;
    private final boolean fixed;
    /** How every provider file of the reference server begins; it marks files the kit wrote. */
    private static final String DEMO_HEADER = "# The conformance kit's reference server";

    private final @Nullable Path keepIn;
    private final PrintWriter progress;
    private @Nullable ReferenceServer server;
    private @Nullable Path directory;

    DemoPreparer(Profile profile, boolean fixed, @Nullable Path keepIn, PrintWriter progress) {
        this.profile = profile;
        this.fixed = fixed;
        this.keepIn = keepIn;
        this.progress = progress;
    }

    @Override
    public SuiteRun prepare(SuiteRun run) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "sk-demo-" + HexFormat.of().formatHex(random);
        Path target = keepIn != null ? keepIn : Files.createTempDirectory("conformance-demo-");
        if (keepIn == null) {
            directory = target;
        } else {
            Files.createDirectories(keepIn);
            Path file = keepIn.resolve(profile.providerId() + ".yaml");
            if (Files.exists(file) && !writtenByTheKit(file)) {
                throw new IOException(file + " exists and was not written by the kit; "
                        + "not replacing it");
            }
        }
        ReferenceServer started = ReferenceServer.start(profile, key);
        server = started;
        Files.writeString(target.resolve(profile.providerId() + ".yaml"), fixed
                ? profile.fixedProviderYaml(started.baseUrl(), key)
                : profile.providerYaml(started.baseUrl(), key));
        progress.println("conformance: started the reference server (profile " + profile.id()
                + (fixed ? ", with its compat fix" : "") + ") at " + started.baseUrl());
        SuiteRun.Builder demo = run.toBuilder().provider(profile.providerId())
                .providersDir(target);
        if (!run.configuration().containsKey(ConfigKeys.HANDOFF_MODEL)) {
            // the server's second model stands in for another provider in the handoff test
            demo.configurationParameter(ConfigKeys.HANDOFF_MODEL,
                    profile.providerId() + "/" + Profile.LITE_MODEL);
        }
        return demo.build();
    }

    private static boolean writtenByTheKit(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(DEMO_HEADER.length()), StandardCharsets.UTF_8)
                    .equals(DEMO_HEADER);
        }
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
