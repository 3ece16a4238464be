package dev.providers.conformance.launch;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.api.Durations;
import dev.providers.conformance.extension.RegistryHandoff;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Builds the discovery request of a run: the suite package, the tiers as tags, the test pattern,
 * and the run's settings as configuration parameters. Implicit parameters (system properties,
 * a {@code junit-platform.properties} on the user's class path) are off, so that nothing outside
 * the run changes how the suite behaves.
 */
final class DiscoveryRequests {

    static final String JUPITER = "junit-jupiter";
    static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";
    static final String CLASS_ORDER = "junit.jupiter.testclass.order.default";
    static final String METHOD_ORDER = "junit.jupiter.testmethod.order.default";

    private DiscoveryRequests() { }

    static LauncherDiscoveryRequest build(SuiteRun run, String model, String suitePackage,
            @Nullable String registryKey) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(suitePackage))
                .filters(EngineFilter.includeEngines(JUPITER),
                        TagFilter.includeTags(run.tier().tags()))
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(parameters(run, model, registryKey));
        if (run.tests() != null) {
            request.filters(TestPattern.parse(run.tests()).filter());
        }
        return request.build();
    }

    /**
     * Returns the configuration parameters: the run's extras win over the kit's defaults, and
     * the run's own settings win over both.
     */
    static Map<String, String> parameters(SuiteRun run, String model,
            @Nullable String registryKey) {
        Map<String, String> parameters = new LinkedHashMap<>();
        // catalogue order (protocol first; P01, P02, …, P14a, P14b) on the console and in reports
        parameters.put(CLASS_ORDER, CatalogueOrder.class.getName());
        parameters.put(METHOD_ORDER, "org.junit.jupiter.api.MethodOrderer$DisplayName");
        parameters.putAll(run.configuration());
        parameters.put(AUTODETECTION, "false");
        parameters.put(ConfigKeys.PROVIDER, run.provider());
        parameters.put(ConfigKeys.MODEL, model);
        if (run.providersDir() != null) {
            parameters.put(ConfigKeys.PROVIDERS_DIR,
                    run.providersDir().toAbsolutePath().toString());
        }
        if (registryKey != null) {
            parameters.put(RegistryHandoff.PARAMETER, registryKey);
        }
        parameters.put(ConfigKeys.ATTEMPTS, Integer.toString(run.attempts()));
        parameters.put(ConfigKeys.REPORT_DIR, run.reportDir().toAbsolutePath().toString());
        parameters.put(ConfigKeys.TEST_TIMEOUT, Durations.format(run.testTimeout()));
        parameters.put(ConfigKeys.RUN_TIMEOUT, Durations.format(run.runTimeout()));
        return parameters;
    }
}
