package dev.providers.conformance.cli;

import dev.providers.conformance.containers.ContainerSpec;
import dev.providers.conformance.containers.DockerCheck;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TargetPreparer;
import dev.providers.conformance.reference.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Chooses what must be started before the suite runs. This is the seam for targets that do not
 * exist until the kit starts them: {@code --provider demo} (the in-process reference server)
 * and {@code --container ollama[:IMAGE]} / {@code --container vllm[:IMAGE]} with
 * {@code --container-model M}. Each becomes a {@link TargetPreparer} returned from
 * {@link #preparer}; the run command prepares, validates the prepared run, launches it and
 * closes the preparer.
 */
final class TargetPreparation {

    @Option(names = "--container", paramLabel = "KIND[:IMAGE]",
            description = {"Start the endpoint in a container with Testcontainers and test it: "
                    + "ollama[:IMAGE], vllm[:IMAGE] or llamacpp[:IMAGE] (needs a Docker engine "
                    + "and --container-model).", "The provider is the catalog entry of that "
                    + "server; --provider may be left out."})
    @Nullable String container;

    @Option(names = "--container-model", paramLabel = "M",
            description = "The model the container serves (Ollama pulls it first), e.g. "
                    + "qwen2.5:0.5b, Qwen/Qwen2.5-0.5B-Instruct, or for llamacpp a GGUF file "
                    + "on this machine (mounted read-only; served under its file name).")
    @Nullable String containerModel;

    @Option(names = "--demo-profile", paramLabel = "PROFILE",
            description = {"With --provider demo: the reference server reproduces this "
                    + "server's deviations instead of OpenAI's behaviour: ${COMPLETION-CANDIDATES}."
                    , "The provider file stays the plain OpenAI one, so the run shows what fails "
                    + "and which compat settings fix it."},
            completionCandidates = DemoProfiles.class)
    @Nullable String demoProfile;

    @Option(names = "--demo-fixed",
            description = "With --provider demo: apply the demo profile's compat fix to its "
                    + "provider file.")
    boolean demoFixed;

    /**
     * Returns the preparer for the run the user asked for.
     *
     * @param demoDirectory where a demo provider's file is written and kept (for
     *     {@code --fix}), or null for a temporary directory
     *
     * @throws IllegalArgumentException when the requested target cannot be prepared
     */
    TargetPreparer preparer(SuiteRun requested, @Nullable Path demoDirectory,
            PrintWriter progress) {
        if (containerModel != null && container == null) {
            throw new IllegalArgumentException("--container-model needs --container");
        }
        if (container != null) {
            ContainerSpec spec = ContainerSpec.parse(container);
            String model = spec.requireModel(containerModel != null ? containerModel
                    : requested.model());
            String provider = requested.provider();
            if (!provider.isEmpty() && !provider.equals(spec.kind().catalogId())) {
                throw new IllegalArgumentException("--container " + spec.kind().id()
                        + " tests provider '" + spec.kind().catalogId() + "', not '"
                        + provider + "'; leave --provider out");
            }
            DockerCheck.Availability docker = DockerCheck.availability();
            if (!docker.available()) {
                throw new IllegalArgumentException("--container needs a Docker engine: "
                        + docker.reason());
            }
            return new ContainerPreparer(spec, model, progress);
        }
        Profile demo = Profile.byProviderId(requested.provider());
        if (demo != null) {
            // demo (chat completions) and demo-<dialect> each start with their conformant
            // profile; --demo-profile picks another of the same dialect
            Profile profile = demoProfile == null ? demo : Profile.byId(demoProfile);
            if (!profile.api().equals(demo.api())) {
                throw new IllegalArgumentException("--demo-profile " + profile.id() + " speaks "
                        + profile.api() + "; --provider " + requested.provider() + " speaks "
                        + demo.api());
            }
            return new DemoPreparer(profile, demoFixed, demoDirectory, progress);
        }
        if (demoProfile != null || demoFixed) {
            throw new IllegalArgumentException("--demo-profile and --demo-fixed need "
                    + "--provider demo (or demo-<dialect>)");
        }
        return TargetPreparer.none();
    }

    /** The demo profiles, for the help text. */
    static final class DemoProfiles implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Profile.values()).map(Profile::id).iterator();
        }
    }
}
