package dev.providers.conformance.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;

import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The suite runs from a user's own JUnit build through the Platform Suite engine. */
class OwnJUnitBuildTest {

    @Test
    void aSuiteClassRunsTheProtocolTierAgainstAConfiguredProvider(@TempDir Path dir)
            throws Exception {
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, "sk-own-build")) {
            Files.writeString(dir.resolve("demo.yaml"),
                    Profile.OPENAI.providerYaml(server.baseUrl(), "sk-own-build"));
            Events tests = EngineTestKit.engine("junit-platform-suite")
                    .selectors(selectClass(DemoConformanceSuite.class))
                    .configurationParameter("conformance.providersDir", dir.toString())
                    .execute().testEvents();
            tests.assertStatistics(stats -> stats.started(37).succeeded(37).failed(0)
                    .aborted(0).skipped(0));
            tests.assertThatEvents().haveAtLeastOne(event(finishedSuccessfully()));
        }
    }
}
